package tom.lib_test

import data.tom.lib

# --- Dates ---------------------------------------------------------------------

test_add_months if {
	lib.add_months("2026-01-15", 12) == "2027-01-15"
	lib.add_months("2026-12-01", 1) == "2027-01-01"
	lib.add_months("2025-11-30", 3) == "2026-02-30"
	lib.add_months("2026-03-31", 0) == "2026-03-31"
	lib.add_months("2024-02-29", 12) == "2025-02-29"
	lib.add_months("2025-02-29", 0) < "2025-03-01"
	lib.add_months("2026-11-22", -12) == "2025-11-22"
	lib.add_months("2026-01-15", -1) == "2025-12-15"
	lib.add_months("2026-12-31", -11) == "2026-01-31"
}

test_de_date if {
	lib.de_date("2026-03-01") == "01.03.2026"
	lib.de_date("2025-12-31") == "31.12.2025"
}

# --- Countries -----------------------------------------------------------------

test_country_code if {
	lib.country_code("EL") == "GR"
	lib.country_code(" de ") == "DE"
	lib.country_code("uk") == "GB"
	lib.country_code("US") == "US"
}

test_in_eea if {
	lib.in_eea("DE")
	lib.in_eea("GR")
	lib.in_eea("NO")
	not lib.in_eea("CH")
	not lib.in_eea("US")
}

test_country_name if {
	lib.country_name("DE") == "Germany"
	lib.country_name("LI") == "Liechtenstein"
	lib.country_name("CH") == "Switzerland"
	lib.country_name("IN") == "India"
	lib.country_name_de("IN") == "Indien"
	lib.country_name_de("DE") == "Deutschland"
	not lib.country_name("ZZ")
	not lib.country_name_de("ZZ")
}

test_adequacy_in_force if {
	lib.adequacy_in_force("CH").name == "Switzerland" with data.context.today as "2026-11-22"
	lib.adequacy_in_force("GB") with data.context.today as "2031-12-27"
	not lib.adequacy_in_force("GB") with data.context.today as "2031-12-28"
	not lib.adequacy_in_force("BR") with data.context.today as "2026-01-25"
	lib.adequacy_in_force("BR") with data.context.today as "2026-01-26"
	not lib.adequacy_in_force("CN") with data.context.today as "2026-11-22"
}

# Before its decision a country was a third country like any other: `log` and
# checks of old revisions must not treat it as adequate back then.
test_adequacy_starts_with_the_decision if {
	every code, days in {"US": ["2023-07-09", "2023-07-10"], "KR": ["2021-12-16", "2021-12-17"], "JP": ["2019-01-22", "2019-01-23"], "GB": ["2021-06-27", "2021-06-28"]} {
		not lib.adequacy_in_force(code) with data.context.today as days[0]
		lib.adequacy_in_force(code) with data.context.today as days[1]
	}
}

# --- Operating systems ---------------------------------------------------------

_cases := {
	"Windows 7 Pro": ["windows", "7-sp1"],
	"windows 7": ["windows", "7-sp1"],
	"Win 7": ["windows", "7-sp1"],
	"Win7 Professional": ["windows", "7-sp1"],
	"Windows 8.1": ["windows", "8.1"],
	"Windows 10 Home": ["windows", "10-22h2"],
	"Windows 10 Pro 21H2": ["windows", "10-22h2"],
	"Windows10": ["windows", "10-22h2"],
	"Windows 10 Enterprise LTSC 2021": ["windows", "10-21h2-e-lts"],
	"Windows 10 Enterprise LTSC 2019": ["windows", "10-1809-e-lts"],
	"Windows 10 LTSC 1809": ["windows", "10-1809-e-lts"],
	"Windows 11 24H2": ["windows", "11-24h2-w"],
	"Windows 11 Pro 24H2": ["windows", "11-24h2-w"],
	"Windows 11 Home (25H2)": ["windows", "11-25h2-w"],
	"Windows 11 Pro Education 23H2": ["windows", "11-23h2-w"],
	"Windows 11 Enterprise 24H2": ["windows", "11-24h2-e"],
	"Windows 11 Education 22H2": ["windows", "11-22h2-e"],
	"Windows 11 Enterprise LTSC 2024": ["windows", "11-24h2-e-lts"],
	"Windows Server 2012 R2": ["windows-server", "2012-r2"],
	"Windows Server 2012R2 Standard": ["windows-server", "2012-r2"],
	"Windows Server 2012": ["windows-server", "2012"],
	"Windows Server 2008 R2 SP1": ["windows-server", "2008-r2-sp1"],
	"Windows Server 2022 Datacenter": ["windows-server", "2022"],
	"macOS 13 Ventura": ["macos", "13"],
	"macOS Ventura": ["macos", "13"],
	"macOS 10.15.7": ["macos", "10.15"],
	"macOS Big Sur": ["macos", "11"],
	"Mac OS X 10.13 High Sierra": ["macos", "10.13"],
	"OS X High Sierra": ["macos", "10.13"],
	"OSX 10.14": ["macos", "10.14"],
	"iOS 17": ["ios", "17"],
	"iOS 17.5.1": ["ios", "17"],
	"iPadOS 16": ["ipados", "16"],
	"Debian 12": ["debian", "12"],
	"Debian GNU/Linux 12 (bookworm)": ["debian", "12"],
	"debian bullseye": ["debian", "11"],
	"Debian 12.7": ["debian", "12"],
	"Ubuntu 22.04 LTS": ["ubuntu", "22.04"],
	"Ubuntu 22.04.4 LTS": ["ubuntu", "22.04"],
	"Ubuntu Server 24.04": ["ubuntu", "24.04"],
	"ubuntu-jammy": ["ubuntu", "22.04"],
	"Windows\t10; Pro": ["windows", "10-22h2"],
	"Win10 Pro": ["windows", "10-22h2"],
	"PC (Win10) Pro": ["windows", "10-22h2"],
	"Windows 10 11": ["windows", "10-22h2"],
	"Windows10 Enterprise LTSC 2019": ["windows", "10-1809-e-lts"],
	"Windows 11 Pro 24H2 24H2": ["windows", "11-24h2-w"],
	"Windows 11 Enterprise 23H2 Pro": ["windows", "11-23h2-w"],
	"Windows 11 Enterprise LTSB 2024": ["windows", "11-24h2-e-lts"],
	"Windows Server 2008 R2": ["windows-server", "2008-r2-sp1"],
	"WINDOWS SERVER 2019": ["windows-server", "2019"],
	"Win Server 2019": ["windows-server", "2019"],
	"Mac OS X 10.15": ["macos", "10.15"],
	"Mac OS 10.14": ["macos", "10.14"],
	"MacOSX 10.14": ["macos", "10.14"],
	"macOS High  Sierra": ["macos", "10.13"],
	"macOS 10.15/Catalina": ["macos", "10.15"],
	"macOS so noma": ["macos", "14"],
	"iPadOS 17": ["ipados", "17"],
	"iOS 17.5.1 (iPhone)": ["ios", "17"],
	"Debian bookworm": ["debian", "12"],
	"Debian 12 bookworm": ["debian", "12"],
	"Debian 12.7.1": ["debian", "12"],
	"Ubuntu jammy 22.04": ["ubuntu", "22.04"],
	"Ubuntu <r2> 22.04": ["ubuntu", "22.04"],
	"Windows XP": ["windows", "5-sp3"],
	"Windows XP Professional SP3": ["windows", "5-sp3"],
	"Windows Vista Business": ["windows", "6-sp2"],
	"Windows 8": ["windows", "8"],
	"Windows 10 LTSB 2016": ["windows", "10-1607-e-lts"],
	"Windows 10 Enterprise LTSB 2015": ["windows", "10-1507-e-lts"],
	"Windows 10 LTSC 1607": ["windows", "10-1607-e-lts"],
	"Windows Server 2003": ["windows-server", "2003-sp2"],
	"Windows Server 2003 R2": ["windows-server", "2003-sp2"],
	"Windows Server 2008": ["windows-server", "2008-sp2"],
	"Windows 2012 R2": ["windows-server", "2012-r2"],
	"Win 2016": ["windows-server", "2016"],
	"Server 2012 R2": ["windows-server", "2012-r2"],
	"Server 2019 Standard": ["windows-server", "2019"],
	"iOS 17 (iPhone 12)": ["ios", "17"],
	"iPhone 12 (iOS 17)": ["ios", "17"],
	"iPadOS 17.5 (iPad 9)": ["ipados", "17"],
	"Debian 11 (bullseye)": ["debian", "11"],
	"Debian 7 wheezy": ["debian", "7"],
	"Ubuntu 23.04": ["ubuntu", "23.04"],
	"Ubuntu 16.10 yakkety": ["ubuntu", "16.10"],
	"macOS 10.12 Sierra": ["macos", "10.12"],
	"macOS Sierra": ["macos", "10.12"],
	"Mac OS X 10.6.8": ["macos", "10.6"],
	"Mac OS X Lion": ["macos", "10.7"],
	"OS X Mountain Lion": ["macos", "10.8"],
	"Mac OS X Snow Leopard": ["macos", "10.6"],
	"Android 14": ["android", "14"],
	"Android 12.1": ["android", "12.1"],
	"Android 12": ["android", "12"],
	"Android 8.1.0": ["android", "8.1"],
	"Android 10 (Samsung One UI 2)": ["android", "10"],
	"RHEL 8.6": ["rhel", "8"],
	"Red Hat Enterprise Linux 9": ["rhel", "9"],
	"RedHat 7": ["rhel", "7"],
	"CentOS 7": ["centos", "7"],
	"CentOS Linux 7.9.2009": ["centos", "7"],
	"CentOS Stream 9": ["centos-stream", "9"],
	"Rocky Linux 9.3": ["rocky-linux", "9"],
	"AlmaLinux 8.10": ["almalinux", "8"],
	"Alma Linux 9": ["almalinux", "9"],
	"Android tablet 13.0": ["android", "13"],
	"Debian 12 (2022)": ["debian", "12"],
	"Windows 2008 R2": ["windows-server", "2008-r2-sp1"],
	"Windows 2025": ["windows-server", "2025"],
	"Server 2003": ["windows-server", "2003-sp2"],
	"Server 2022": ["windows-server", "2022"],
	"Windows 10 Enterprise LTS 2019": ["windows", "10-1809-e-lts"],
	# A word of another product's name on its own does not make it that product.
	"Debian 12 (Mac mini)": ["debian", "12"],
	"Android 12 (Moto X)": ["android", "12"],
	"Rocky Linux 9 (Video-Stream)": ["rocky-linux", "9"],
	"AlmaLinux 9 (hat Support bis 2032)": ["almalinux", "9"],
	# Several versions: the one right after a word of the product's name counts.
	"macOS 14 (MacBook Air 13)": ["macos", "14"],
	"MacOSX 10.14 (MacBook Pro 13)": ["macos", "10.14"],
	"OSX 10.14 (MacBook Pro 13)": ["macos", "10.14"],
	"Mac OS X 10.15 (MacBook Pro 13)": ["macos", "10.15"],
	"Mac OS 10.14 (MacBook Pro 13)": ["macos", "10.14"],
	"iPadOS 17 (iPad Air 13)": ["ipados", "17"],
	"Android 14 (Pixel 9)": ["android", "14"],
	"Debian 12 (Proxmox 8)": ["debian", "12"],
	"Debian GNU/Linux 12 (Proxmox 8)": ["debian", "12"],
	"Ubuntu 22.04 (vorher 20.04)": ["ubuntu", "22.04"],
	"Ubuntu LTS 24.04 (vorher 22.04)": ["ubuntu", "24.04"],
	"Ubuntu Server 24.04 (vorher 22.04)": ["ubuntu", "24.04"],
	"Ubuntu Desktop 24.04 (vorher 22.04)": ["ubuntu", "24.04"],
	"RHEL 9 (vorher 8)": ["rhel", "9"],
	"Red Hat Enterprise Linux 9 (vorher 8)": ["rhel", "9"],
	"CentOS 7 (vorher 6)": ["centos", "7"],
	"CentOS Linux 8 (vorher 7)": ["centos", "8"],
	"CentOS Stream 9 (vorher 8)": ["centos-stream", "9"],
	"Rocky 9 (vorher 8)": ["rocky-linux", "9"],
	"Rocky Linux 9 (vorher 8)": ["rocky-linux", "9"],
	"AlmaLinux 9 (vorher 8)": ["almalinux", "9"],
	"Alma 9 (vorher 8)": ["almalinux", "9"],
	"Alma Linux 9 (vorher 8)": ["almalinux", "9"],
	"AlmaLinux OS 9 (vorher 8)": ["almalinux", "9"],
}

test_os_match_known if {
	every os, want in _cases {
		lib.os_match(os) == want
	}
}

_unknown := [
	"Windows 11",
	"Windows 11 Pro",
	"Windows 8.2",
	"Windows Server",
	"Windows 10 IoT Enterprise LTSC 2021",
	"Windows 11 IoT Enterprise LTSC 2024",
	"Windows 10 LTSC",
	"Windows 11 LTSC 2021",
	"FreeBSD 14.1",
	"Synology DSM 7.2",
	"Android",
	"Android 8",
	"macOS",
	"iPhone 12 (iOS 17, iOS 16)",
	"Debian 12 bullseye",
	"Debian",
	"Ubuntu 23.05",
	"RHEL",
	"CentOS Stream",
	"Rocky Linux",
	"Server 2020",
	"Server 2000",
	"Windows 11 Pro 2025",
	"macOS 2019",
	"RouterOS 7",
	"",
	"Windows 11 Pro (24H2) 23H2",
	"Windows 11 Education 22H2 LTSC",
	"Windows 8.1.1",
	"Windows Server 2016 R2",
	"windows2012r2",
	"macOS Sequoia Big Sur",
	"so noma",
	"iOS",
	"iPadOS",
	"Red Flag Linux 8",
	"Synology DSM 6.2 (2019)",
	# Long-term releases that do not exist, or IoT ones the data does not hold.
	"Windows 11 Enterprise LTSC 2019",
	"Windows 11 LTSB 2016",
	"Windows 11 LTSB 2015",
	"Windows 10 IoT Enterprise LTSC 2019",
	"Windows 10 IoT Enterprise LTSB 2016",
	"Windows 10 IoT Enterprise 2015 LTSB",
	"Windows 10/11 LTSC 2024",
	"Windows 12 LTSC 2024",
	"Windows 11 Education 22H2 LTSB",
	"Windows 11 Education 22H2 LTS",
	# A feature update without the Windows version (Windows Server 2025 is 24H2 too).
	"Windows 24H2",
]

test_os_match_unknown if {
	every os in _unknown {
		not lib.os_match(os)
	}
}

# Words as the matching sees them: a word is split only where it starts with
# "win" or is a year followed by "r2", and a split-off rest stays whole.
test_os_tokens if {
	lib.os_tokens("Win7 Professional") == ["windows", "7", "professional"]
	lib.os_tokens("PC (Win10) Pro") == ["pc", "windows", "10", "pro"]
	lib.os_tokens("Windows\t10; Pro") == ["windows", "10", "pro"]
	lib.os_tokens("Debian GNU/Linux 12 (bookworm)") == ["debian", "gnu", "linux", "12", "bookworm"]
	lib.os_tokens("macOS High  Sierra") == ["macos", "high", "sierra"]
	lib.os_tokens("Windows Server 2012R2 Standard") == ["windows", "server", "2012", "r2", "standard"]
	lib.os_tokens("Windows Server 2008 R2 SP1") == ["windows", "server", "2008", "r2", "sp1"]
	lib.os_tokens("windows2012r2") == ["windows", "2012r2"]
	lib.os_tokens("Ubuntu <r2> 22.04") == ["ubuntu", "<r2>", "22.04"]
	lib.os_tokens("") == []
	lib.os_tokens("Windows Server (2012R2)") == ["windows", "server", "2012", "r2"]
	lib.os_tokens("Windows Server 08R2") == ["windows", "server", "08r2"]
	lib.os_tokens("Windows Server 2012R2 202401") == ["windows", "server", "2012", "r2", "202401"]
	lib.os_tokens("Windows Server 2012R2 (NodeR2)") == ["windows", "server", "2012", "r2", "noder2"]
}

# The word-by-word way (taken when a word ends in "r2") splits "win" before every digit.
test_os_tokens_word_by_word_splits_every_digit if {
	lib.os_tokens("Win0 Win1 Win2 Win3 Win4 Win5 Win6 Win7 Win8 Win9 2012R2") == [
		"windows", "0", "windows", "1", "windows", "2", "windows", "3", "windows", "4",
		"windows", "5", "windows", "6", "windows", "7", "windows", "8", "windows", "9",
		"2012", "r2",
	]
}

# os_support repeats the body of os_match (to save a function call per string):
# both must give the same answers.
test_os_support_agrees_with_os_match if {
	oses := object.keys(_cases) | {os | some os in _unknown}
	support := lib.os_support with input as {"system": [{"id": os, "os": os} | some os in oses]}
	object.keys(support) == object.keys(_cases)
	every os, entry in support {
		[entry.product, entry.cycle] == lib.os_match(os)
	}
}

test_os_support_indexes_distinct_os_strings if {
	systems := [
		{"id": "a", "os": "Windows 7"},
		{"id": "b", "os": "Windows 7"},
		{"id": "c", "os": "FreeBSD 14"},
		{"id": "d"},
		{"id": "e", "os": 7},
		{"id": "f", "os": ["Windows 10"]},
	]
	support := lib.os_support with input as {"system": systems}
	object.keys(support) == {"Windows 7"}
	support["Windows 7"].product == "windows"
	support["Windows 7"].cycle == "7-sp1"
	support["Windows 7"].eol == "2020-01-14"
	support["Windows 7"].name == "Windows 7 SP1"
}

# --- Labels and personal data --------------------------------------------------

test_label if {
	lib.label("Provider", {"id": "hetzner", "name": "Hetzner Online GmbH"}) == "Provider \"Hetzner Online GmbH\" (hetzner)"
	lib.label("Backup", {"id": "server-backup"}) == "Backup \"server-backup\""
}

test_providers_with_personal_data if {
	providers := [
		{"id": "a", "personal_data": true},
		{"id": "b", "personal_data": false, "access": "metadata"},
		{"id": "c", "personal_data": false, "access": "none"},
		{"id": "d", "personal_data": false},
		{"id": "e"},
		{"id": "f", "personal_data": true, "access": "full"},
	]
	lib.providers_with_personal_data == {"a", "b", "f"} with input as {"provider": providers}
}

test_controls_match_the_format if {
	count(lib.controls) == 12
}
