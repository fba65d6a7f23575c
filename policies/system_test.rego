package tom.system_test

import data.tom.system

_today := "2026-11-22"

_pc(os, extra) := object.union(
	{
		"id": "reception-pc",
		"name": "PC reception",
		"kind": "workstation",
		"location": "office",
		"personal_data": true,
		"os": os,
		"encrypted": true,
	},
	extra,
)

_deny(systems) := findings if {
	findings := system.deny with input as {"system": systems} with data.context.today as _today
}

_deny_on(systems, today) := findings if {
	findings := system.deny with input as {"system": systems} with data.context.today as today
}

_eol_fires(os) if {
	some f in _deny([_pc(os, {})])
	f.rule == "system.eol"
}

# --- system.eol ----------------------------------------------------------------

test_eol_fires_for_windows_7 if {
	findings := _deny([_pc("Windows 7 Pro", {})])
	count(findings) == 1
	some f in findings
	f.rule == "system.eol"
	f.subject == "system:reception-pc"
	f.field == "os"
	f.legal.en == "Art. 32(1) GDPR (state of the art)"
	f.message.en == "System \"PC reception\" (reception-pc) processes personal data and runs Windows 7 SP1, whose security support ended on 2020-01-14"
	f.help.en == "Upgrade to a supported release or retire the system, then update os"
}

test_eol_fires_for_lenient_spellings if {
	every os in ["windows 7", "Win 7", "Win7", "Microsoft Windows 7 Professional SP1", "Windows 10 Home", "Windows 10", "Windows8.1", "macOS 13 Ventura", "macOS Ventura", "Mac OS X 10.13 High Sierra", "iOS 17", "iOS 17 (iPhone 12)", "iPhone 12 with iOS 17", "Windows Server 2012 R2", "Windows 2012 R2", "Server 2012 R2", "Windows XP", "Windows Vista", "Windows 8", "Windows 10 LTSB 2016", "Windows Server 2003", "CentOS 7", "Android 10", "Debian 11 (bullseye)", "Ubuntu 23.04", "macOS 10.12 Sierra", "RHEL 7", "iPadOS 14.8", "Windows Server 2008 R2 SP1", "Debian GNU/Linux 11 (bullseye)", "Ubuntu 20.04.6 LTS", "Windows 11 Pro 23H2"] {
		_eol_fires(os)
	}
}

test_eol_message_names_the_release if {
	some f in _deny([_pc("Windows 10 Home", {})])
	contains(f.message.en, "runs Windows 10 22H2, whose security support ended on 2025-10-14")
}

test_eol_help_mentions_paid_extended_support if {
	some f in _deny([_pc("Debian 12", {})])
	f.rule == "system.eol"
	contains(f.message.en, "runs Debian 12 (Bookworm), whose security support ended on 2026-07-11")
	contains(f.help.en, "record their end: eol = 2028-06-30")
}

test_eol_help_mentions_extended_support_until_its_last_day if {
	some f in _deny_on([_pc("Debian 12", {})], "2028-06-30")
	contains(f.help.en, "record their end: eol = 2028-06-30")
	some g in _deny_on([_pc("Debian 12", {})], "2028-07-01")
	g.help.en == "Upgrade to a supported release or retire the system, then update os"
}

test_eol_quiet_for_supported_releases if {
	every os in ["Debian 13", "Ubuntu 22.04 LTS", "Ubuntu 24.04", "Windows 11 Enterprise 24H2", "Windows 11 Pro 25H2", "Windows Server 2022", "Windows Server 2016", "Windows 10 Enterprise LTSC 2021", "macOS 14 Sonoma", "macOS Sequoia", "iOS 18", "iOS 16", "iPadOS 17", "iPadOS 17.5", "Android 14", "Rocky Linux 9", "AlmaLinux 9", "RHEL 9.4"] {
		not _eol_fires(os)
	}
}

test_eol_quiet_for_unknown_or_vague_os if {
	every os in ["Windows 11", "FreeBSD 14", "Synology DSM 7.2", "", "iPhone 12 (iOS 17, iOS 16)", "Windows 10 IoT Enterprise LTSC 2021", "Windows 10 LTSB"] {
		not _eol_fires(os)
	}
}

test_eol_quiet_without_personal_data if {
	count(_deny([_pc("Windows 7", {"personal_data": false})])) == 0
	count(_deny([object.remove(_pc("Windows 7", {}), ["personal_data"])])) == 0
}

test_eol_quiet_without_os if {
	count(_deny([object.remove(_pc("Windows 7", {}), ["os"])])) == 0
}

test_eol_fires_later_for_ubuntu_22_04 if {
	count(_deny_on([_pc("Ubuntu 22.04 LTS", {})], "2027-04-01")) == 0
	count(_deny_on([_pc("Ubuntu 22.04 LTS", {})], "2027-04-02")) == 1
}

test_eol_override_extends_support if {
	# Windows 10 with paid ESU recorded by the system itself.
	count(_deny([_pc("Windows 10 Pro", {"eol": "2027-10-12"})])) == 0
}

test_eol_override_fires if {
	findings := _deny([_pc("Windows 10 Pro", {"eol": "2026-10-13"})])
	count(findings) == 1
	some f in findings
	f.rule == "system.eol"
	f.subject == "system:reception-pc"
	f.field == "eol"
	contains(f.message.en, "out of security support since 2026-10-13")
}

test_eol_override_quiet_until_the_day_itself if {
	count(_deny([_pc("Windows 10 Pro", {"eol": _today})])) == 0
	count(_deny_on([_pc("Windows 10 Pro", {"eol": "2026-11-21"})], _today)) == 1
}

test_eol_override_quiet_without_personal_data if {
	count(_deny([_pc("Windows 10 Pro", {"eol": "2026-10-13", "personal_data": false})])) == 0
	count(_deny([object.remove(_pc("Synology DSM 6.2", {"eol": "2025-06-01"}), ["personal_data"])])) == 0
}

test_eol_fires_for_release_ended_without_date if {
	# endoflife.date records the oldest Android releases as ended, without a date.
	some f in _deny([_pc("Android 4.3", {"kind": "tablet"})])
	f.rule == "system.eol"
	f.message.en == "System \"PC reception\" (reception-pc) processes personal data and runs Android 4.3 (Jelly Bean), whose security support has ended"
}

test_eol_override_for_unknown_os_fires if {
	some f in _deny([_pc("Synology DSM 6.2", {"eol": "2025-06-01"})])
	f.field == "eol"
}

# --- system.os-unknown ---------------------------------------------------------

_warn(systems) := findings if {
	findings := system.warn with input as {"system": systems} with data.context.today as _today
}

test_os_unknown_fires if {
	findings := _warn([_pc("Synology DSM 7.2", {"kind": "storage"})])
	count(findings) == 1
	some f in findings
	f.rule == "system.os-unknown"
	f.subject == "system:reception-pc"
	f.field == "os"
	f.legal.en == "Art. 32(1) GDPR (state of the art)"
	f.message.en == "System \"PC reception\" (reception-pc) processes personal data, but its os \"Synology DSM 7.2\" names no product and release the bundled end-of-support data knows, so whether it still receives security updates is not checked: name the release, or record the end of its security support as eol = DATE"
	contains(f.help.en, "eol = 2027-06-30")
}

test_os_unknown_fires_for_names_without_release if {
	every os in ["Windows 11", "Windows 11 Pro", "Linux", "iOS", "macOS", "Debian", "Windows Server", "FreeBSD 14", "", "Debian 12 bullseye"] {
		some f in _warn([_pc(os, {})])
		f.rule == "system.os-unknown"
	}
}

test_os_unknown_quiet_for_known_releases if {
	every os in ["Windows 7 Pro", "Windows 11 Pro 24H2", "Debian 13", "iPadOS 17", "macOS 26 Tahoe", "Android 4.3", "CentOS 7"] {
		count(_warn([_pc(os, {})])) == 0
	}
}

test_os_unknown_quiet_with_eol if {
	count(_warn([_pc("Synology DSM 7.2", {"eol": "2027-06-30"})])) == 0
}

test_os_unknown_quiet_without_os_or_personal_data if {
	count(_warn([object.remove(_pc("x", {}), ["os"])])) == 0
	count(_warn([_pc("Synology DSM 7.2", {"personal_data": false})])) == 0
	count(_warn([object.remove(_pc("Synology DSM 7.2", {}), ["personal_data"])])) == 0
}

# --- system.unencrypted-portable -----------------------------------------------

test_unencrypted_laptop_fires if {
	laptop := {"id": "notebook", "name": "Notebook sales", "kind": "laptop", "personal_data": true}
	findings := _deny([laptop])
	count(findings) == 1
	some f in findings
	f.rule == "system.unencrypted-portable"
	f.subject == "system:notebook"
	f.field == "encrypted"
	f.legal.en == "Art. 32(1)(a) GDPR"
	f.message.en == "System \"Notebook sales\" (notebook) is a laptop with personal data but is not encrypted at rest"
}

test_unencrypted_phone_and_tablet_fire if {
	phone := {"id": "phone", "kind": "mobile", "personal_data": true, "encrypted": false}
	tablet := {"id": "ipad", "kind": "tablet", "personal_data": true}
	findings := _deny([phone, tablet])
	{f.subject | some f in findings} == {"system:phone", "system:ipad"}
	some f in findings
	f.message.en == "System \"phone\" is a mobile device with personal data but is not encrypted at rest"
}

test_encrypted_laptop_quiet if {
	laptop := {"id": "notebook", "kind": "laptop", "personal_data": true, "encrypted": true}
	count(_deny([laptop])) == 0
}

test_unencrypted_quiet_for_stationary_or_without_personal_data if {
	pc := {"id": "pc", "kind": "workstation", "personal_data": true}
	server := {"id": "srv", "kind": "server", "personal_data": true, "encrypted": false}
	laptop := {"id": "demo", "kind": "laptop", "personal_data": false}
	count(_deny([pc, server, laptop])) == 0
}
