# Systems: operating system support and encryption of portable devices.
package tom.system

import data.tom.lib
import data.tom.lib.os_support
import data.tom.lib.systems
import data.tom.lib.today

_portable := {
	"laptop": {"en": "laptop", "de": "ein Laptop"},
	"mobile": {"en": "mobile device", "de": "ein Mobilgerät"},
	"tablet": {"en": "tablet", "de": "ein Tablet"},
}

_eol_legal := {"en": "Art. 32(1) GDPR (state of the art)", "de": "Art. 32 Abs. 1 DSGVO (Stand der Technik)"}

# Support data of the `os` strings whose regular security support ended before
# today: tested once per distinct string rather than once per system.
_past_eol := {os: support |
	day := today
	some os, support in os_support
	_ended(support.eol, day)
}

# eol is a date, false (still supported) or true (ended on a date the source
# does not give: the oldest Android releases).
_ended(eol, day) if {
	is_string(eol)
	eol < day
}

_ended(eol, _) if eol == true

# The rules below bind the rules they use (_past_eol, today, ...) to a variable
# before their loop over the systems: regorus looks a rule up again at every
# reference, which costs more than the test that uses it.

# METADATA
# title: Operating system past its end of support
# description: >-
#   A system that no longer receives security updates from its vendor is not state of
#   the art in the sense of Art. 32(1) GDPR: every vulnerability found after the end
#   of support stays open. The os value is matched against the bundled end-of-support
#   data (endoflife.date); a system's own eol date, e.g. for extended security
#   updates (Windows ESU, Debian LTS, Ubuntu Pro), takes precedence.
# related_resources:
#   - description: Art. 32(1) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
#   - description: endoflife.date
#     ref: https://endoflife.date
# custom:
#   id: system.eol
#   severity: deny
#   legal: Art. 32(1) GDPR (state of the art)
#   fires: >-
#     a system with personal_data = true whose eol date, or else the end of regular
#     security support of its os in the bundled data, is before today
#   quiet: >-
#     operating systems the bundled data does not know or cannot pin to one release
#     ("Windows 11" without a feature update such as 24H2; system.os-unknown reports
#     those); Apple releases without a published end date; systems without personal
#     data
#   example: |
#     [[system]]
#     id = "reception-pc"
#     name = "PC reception"
#     kind = "workstation"
#     location = "office"
#     personal_data = true
#     os = "Windows 7 Pro"
#   fix: |
#     [[system]]
#     id = "reception-pc"
#     name = "PC reception"
#     kind = "workstation"
#     location = "office"
#     personal_data = true
#     os = "Windows 11 Pro 25H2"
#   i18n:
#     de:
#       title: Betriebssystem nach Ende des Supports
#       description: >-
#         Ein System, das von seinem Hersteller keine Sicherheitsupdates mehr erhält,
#         entspricht nicht dem Stand der Technik im Sinne von Art. 32 Abs. 1 DSGVO: jede
#         nach dem Supportende gefundene Schwachstelle bleibt offen. Der Wert os wird mit
#         den mitgelieferten Support-Daten (endoflife.date) abgeglichen; ein eigenes
#         eol-Datum des Systems, etwa für erweiterte Sicherheitsupdates (Windows ESU,
#         Debian LTS, Ubuntu Pro), hat Vorrang.
#       legal: Art. 32 Abs. 1 DSGVO (Stand der Technik)
#       fires: >-
#         ein System mit personal_data = true, dessen eol-Datum oder sonst das Ende der
#         regulären Sicherheitsupdates seines os in den mitgelieferten Daten vor dem
#         heutigen Tag liegt
#       quiet: >-
#         Betriebssysteme, die die mitgelieferten Daten nicht kennen oder keiner Version
#         zuordnen können ("Windows 11" ohne Funktionsupdate wie 24H2; diese meldet
#         system.os-unknown); Apple-Versionen ohne veröffentlichtes Enddatum; Systeme ohne
#         personenbezogene Daten
#       resources: [Art. 32 Abs. 1 DSGVO, endoflife.date]
deny contains finding if {
	past_eol := _past_eol
	some s in systems
	s.personal_data == true
	not s.eol
	support := past_eol[s.os]
	finding := {
		"rule": "system.eol",
		"subject": sprintf("system:%s", [s.id]),
		"field": "os",
		"message": {
			"en": sprintf("%s processes personal data and runs %s, whose security support %s", [lib.label("System", s), support.name, _support_end(support.eol).en]),
			"de": sprintf("%s verarbeitet personenbezogene Daten und läuft mit %s, %s", [lib.label("System", s), support.name, _support_end(support.eol).de]),
		},
		"help": _eol_help(support),
		"legal": _eol_legal,
	}
}

# The system records its own end of support (e.g. a paid extension).
deny contains finding if {
	day := today
	some s in systems
	s.eol < day
	s.personal_data == true
	finding := {
		"rule": "system.eol",
		"subject": sprintf("system:%s", [s.id]),
		"field": "eol",
		"message": {
			"en": sprintf("%s processes personal data and its operating system is out of security support since %s", [lib.label("System", s), s.eol]),
			"de": sprintf("%s verarbeitet personenbezogene Daten, und sein Betriebssystem erhält seit dem %s keine Sicherheitsupdates mehr", [lib.label("System", s), lib.de_date(s.eol)]),
		},
		"help": {
			"en": "Upgrade to a supported release or retire the system, then update os and eol",
			"de": "Aktualisieren Sie auf eine unterstützte Version oder nehmen Sie das System außer Betrieb, und passen Sie dann os und eol an",
		},
		"legal": _eol_legal,
	}
}

_support_end(eol) := {
	"en": sprintf("ended on %s", [eol]),
	"de": sprintf("dessen Sicherheitsupdates am %s endeten", [lib.de_date(eol)]),
} if is_string(eol) else := {"en": "has ended", "de": "dessen Sicherheitsupdates beendet sind"}

_eol_help(support) := {
	"en": sprintf("Upgrade to a supported release or retire the system, then update os. If the system receives extended security updates (Windows ESU, Debian LTS, Ubuntu Pro; available until %s), record their end: eol = %s", [support.eoes, support.eoes]),
	"de": sprintf("Aktualisieren Sie auf eine unterstützte Version oder nehmen Sie das System außer Betrieb, und passen Sie dann os an. Erhält das System erweiterte Sicherheitsupdates (Windows ESU, Debian LTS, Ubuntu Pro; verfügbar bis %s), erfassen Sie deren Ende: eol = %s", [lib.de_date(support.eoes), support.eoes]),
} if {
	support.eoes >= today
} else := {
	"en": "Upgrade to a supported release or retire the system, then update os",
	"de": "Aktualisieren Sie auf eine unterstützte Version oder nehmen Sie das System außer Betrieb, und passen Sie dann os an",
}

# METADATA
# title: Operating system not recognised
# description: >-
#   Whether a system still receives security updates (Art. 32(1) GDPR, state of the
#   art) can only be checked when its os names a product and release the bundled
#   end-of-support data knows, such as "Windows 11 Pro 24H2", "Debian 12" or
#   "iOS 18". An os the data does not recognise, or one without a release
#   ("Windows 11 Pro", "Linux"), would otherwise pass unchecked. Name the release,
#   or record the end of the vendor's security support yourself as eol = DATE.
# related_resources:
#   - description: Art. 32(1) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
#   - description: endoflife.date
#     ref: https://endoflife.date
# custom:
#   id: system.os-unknown
#   severity: warn
#   legal: Art. 32(1) GDPR (state of the art)
#   fires: >-
#     a system with personal_data = true whose os matches no product and release of
#     the bundled end-of-support data and that records no eol date
#   quiet: >-
#     systems whose os names a known release (also still supported ones and Apple
#     releases without a published end date); systems with an eol date; systems
#     without os; systems without personal data
#   example: |
#     [[system]]
#     id = "nas"
#     name = "NAS office"
#     kind = "storage"
#     location = "office"
#     personal_data = true
#     os = "Synology DSM 7.2"
#     encrypted = true
#   fix: |
#     [[system]]
#     id = "nas"
#     name = "NAS office"
#     kind = "storage"
#     location = "office"
#     personal_data = true
#     os = "Synology DSM 7.2"
#     eol = 2027-06-30   # end of security updates as the vendor publishes it
#     encrypted = true
#   i18n:
#     de:
#       title: Betriebssystem nicht erkannt
#       description: >-
#         Ob ein System noch Sicherheitsupdates erhält (Art. 32 Abs. 1 DSGVO, Stand der
#         Technik), lässt sich nur prüfen, wenn sein os ein Produkt mit Version nennt, das
#         die mitgelieferten Support-Daten kennen, etwa "Windows 11 Pro 24H2", "Debian 12"
#         oder "iOS 18". Ein os, das die Daten nicht erkennen, oder eines ohne Version
#         ("Windows 11 Pro", "Linux") bliebe sonst ungeprüft. Nennen Sie die Version, oder
#         erfassen Sie das Ende der Sicherheitsupdates des Herstellers selbst als eol = DATUM.
#       legal: Art. 32 Abs. 1 DSGVO (Stand der Technik)
#       fires: >-
#         ein System mit personal_data = true, dessen os zu keinem Produkt mit Version der
#         mitgelieferten Support-Daten passt und das kein eol-Datum erfasst
#       quiet: >-
#         Systeme, deren os eine bekannte Version nennt (auch noch unterstützte und
#         Apple-Versionen ohne veröffentlichtes Enddatum); Systeme mit eol-Datum; Systeme
#         ohne os; Systeme ohne personenbezogene Daten
#       resources: [Art. 32 Abs. 1 DSGVO, endoflife.date]
warn contains finding if {
	support := os_support
	some s in systems
	s.personal_data == true
	os := s.os
	not support[os]
	not s.eol
	finding := {
		"rule": "system.os-unknown",
		"subject": sprintf("system:%s", [s.id]),
		"field": "os",
		"message": {
			"en": sprintf("%s processes personal data, but its os \"%s\" names no product and release the bundled end-of-support data knows, so whether it still receives security updates is not checked: name the release, or record the end of its security support as eol = DATE", [lib.label("System", s), os]),
			"de": sprintf("%s verarbeitet personenbezogene Daten, aber sein os \"%s\" nennt kein Produkt mit Version, das die mitgelieferten Support-Daten kennen; ob es noch Sicherheitsupdates erhält, wird daher nicht geprüft: nennen Sie die Version, oder erfassen Sie das Ende der Sicherheitsupdates als eol = DATUM", [lib.label("System", s), os]),
		},
		"help": {
			"en": "Write the product and release as the vendor names them (\"Windows 11 Pro 24H2\", \"Debian 12\", \"macOS 15\", \"Android 14\"), or record the end of the vendor's security support for this system: eol = 2027-06-30",
			"de": "Schreiben Sie Produkt und Version so, wie der Hersteller sie nennt (\"Windows 11 Pro 24H2\", \"Debian 12\", \"macOS 15\", \"Android 14\"), oder erfassen Sie für dieses System das Ende der Sicherheitsupdates des Herstellers: eol = 2027-06-30",
		},
		"legal": _eol_legal,
	}
}

# METADATA
# title: Portable device with personal data is not encrypted
# description: >-
#   Laptops, phones and tablets get lost and stolen. Without encryption at rest
#   (BitLocker, FileVault, LUKS, device encryption of iOS and Android) whoever finds
#   the device reads the personal data on it, and the loss is a personal data breach
#   to be reported (Art. 33 GDPR). Art. 32(1)(a) GDPR names encryption as a measure.
# related_resources:
#   - description: Art. 32(1)(a) GDPR
#     ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj
# custom:
#   id: system.unencrypted-portable
#   severity: deny
#   legal: Art. 32(1)(a) GDPR
#   fires: >-
#     a system of kind laptop, mobile or tablet with personal_data = true that does
#     not record encrypted = true
#   quiet: encrypted portable devices; servers, workstations and other stationary systems
#   example: |
#     [[system]]
#     id = "notebook"
#     name = "Notebook sales"
#     kind = "laptop"
#     personal_data = true
#     os = "Windows 11 Pro 25H2"
#   fix: |
#     [[system]]
#     id = "notebook"
#     name = "Notebook sales"
#     kind = "laptop"
#     personal_data = true
#     os = "Windows 11 Pro 25H2"
#     encrypted = true   # BitLocker, recovery key in the password manager
#   i18n:
#     de:
#       title: Mobiles Gerät mit personenbezogenen Daten unverschlüsselt
#       description: >-
#         Laptops, Mobiltelefone und Tablets gehen verloren und werden gestohlen. Ohne
#         Verschlüsselung des Speichers (BitLocker, FileVault, LUKS,
#         Geräteverschlüsselung von iOS und Android) liest, wer das Gerät findet, die
#         personenbezogenen Daten darauf, und der Verlust ist eine meldepflichtige Verletzung
#         des Schutzes personenbezogener Daten (Art. 33 DSGVO). Art. 32 Abs. 1 lit. a DSGVO
#         nennt Verschlüsselung als Maßnahme.
#       legal: Art. 32 Abs. 1 lit. a DSGVO
#       fires: >-
#         ein System der Art laptop, mobile oder tablet mit personal_data = true, das nicht
#         encrypted = true erfasst
#       quiet: verschlüsselte mobile Geräte; Server, Arbeitsplatzrechner und andere ortsfeste Systeme
#       resources: [Art. 32 Abs. 1 lit. a DSGVO]
deny contains finding if {
	portable := _portable
	some s in systems
	device := portable[s.kind]
	s.personal_data == true
	not s.encrypted
	finding := {
		"rule": "system.unencrypted-portable",
		"subject": sprintf("system:%s", [s.id]),
		"field": "encrypted",
		"message": {
			"en": sprintf("%s is a %s with personal data but is not encrypted at rest", [lib.label("System", s), device.en]),
			"de": sprintf("%s ist %s mit personenbezogenen Daten, sein Speicher ist aber nicht verschlüsselt", [lib.label("System", s), device.de]),
		},
		"help": {
			"en": "Turn on full-disk or device encryption (BitLocker, FileVault, LUKS, iOS/Android device encryption) and record encrypted = true",
			"de": "Schalten Sie die Festplatten- oder Geräteverschlüsselung ein (BitLocker, FileVault, LUKS, Geräteverschlüsselung von iOS/Android) und erfassen Sie encrypted = true",
		},
		"legal": {"en": "Art. 32(1)(a) GDPR", "de": "Art. 32 Abs. 1 lit. a DSGVO"},
	}
}
