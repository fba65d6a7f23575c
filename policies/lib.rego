# Shared helpers of the bundled policies.
#
# Entities are indexed by id once here, so rules join through object lookups
# instead of scanning every entity for every other entity: a TOM of 10,000
# entities evaluates in well under a second. Dates are "YYYY-MM-DD" strings and
# compare correctly as strings; month arithmetic is done on the parts because no
# time.* builtins are compiled in. This package defines no deny/warn/info set, so
# it produces no findings of its own.
package tom.lib

# --- Evaluation context ------------------------------------------------------

today := data.context.today

# --- Entities ----------------------------------------------------------------

organization := object.get(input, "organization", {})

providers := object.get(input, "provider", [])

locations := object.get(input, "location", [])

systems := object.get(input, "system", [])

backups := object.get(input, "backup", [])

measures := object.get(input, "measure", [])

waivers := object.get(input, "waiver", [])

provider_by_id := {p.id: p | some p in providers}

location_by_id := {l.id: l | some l in locations}

system_by_id := {s.id: s | some s in systems}

# Display label of an entity: `Provider "Hetzner Online GmbH" (hetzner)`, or
# `Backup "server-backup"` when the entity has no name.
label(kind, e) := sprintf("%s \"%s\" (%s)", [kind, e.name, e.id]) if {
	is_string(e.name)
} else := sprintf("%s \"%s\"", [kind, e.id])

# --- Personal data -----------------------------------------------------------

# Ids of the providers that handle personal data: they say so
# (personal_data = true), or they can reach systems holding it (access other than
# "none"). Absent keys mean no. Systems record personal data explicitly, so rules
# test `s.personal_data == true` (an absent key means no).
#
# A set rather than a function: regorus function calls are costly enough to show
# on large TOMs, set lookups are not.
providers_with_personal_data := {p.id | some p in providers; p.personal_data == true} | {p.id |
	some p in providers
	object.get(p, "access", "none") != "none"
}

# --- Dates -------------------------------------------------------------------

# add_months("2025-11-30", 12) == "2026-11-30". The day is kept as is, so
# "2026-01-31" + 1 month gives "2026-02-31", which still sorts between the last
# day of February and 1 March: comparisons against real dates stay correct.
add_months(date, n) := sprintf("%04d-%02d-%s", [floor(total / 12), (total % 12) + 1, substring(date, 8, 2)]) if {
	total := ((to_number(substring(date, 0, 4)) * 12) + _months[substring(date, 5, 2)]) - 1 + n
}

# Month numbers by their two digits: regorus' to_number rejects "05".
_months := {
	"01": 1, "02": 2, "03": 3, "04": 4, "05": 5, "06": 6,
	"07": 7, "08": 8, "09": 9, "10": 10, "11": 11, "12": 12,
}

# --- Countries ---------------------------------------------------------------

countries := data.reference.countries

# ISO 3166-1 alpha-2 code of a country as written in the TOM ("el" -> "GR").
country_code(c) := object.get(countries.aliases, upper(trim_space(c)), upper(trim_space(c)))

country_name(code) := countries.eu[code]

country_name(code) := countries.eea_non_eu[code]

country_name(code) := countries.adequacy[code].name

# EU member states and the EEA states Iceland, Liechtenstein and Norway: no
# transfer in the sense of Chapter V GDPR.
in_eea(code) if countries.eu[code]

in_eea(code) if countries.eea_non_eu[code]

# An adequacy decision exists and is in force today.
adequacy_in_force(code) := a if {
	a := countries.adequacy[code]
	object.get(a, "since", "0000-00-00") <= today
	today <= object.get(a, "valid_until", "9999-12-31")
}

# --- Operating systems -------------------------------------------------------

os_products := data.reference.os_eol.products

# Support data of every distinct `os` string in the TOM, computed once per
# string rather than once per system: {os: {"product", "cycle", "name", "eol", ...}}.
os_support := {os: entry |
	some os in {s.os | some s in systems; is_string(s.os)}
	m := os_match(os)
	entry := object.union(os_products[m[0]].cycles[m[1]], {"product": m[0], "cycle": m[1]})
}

# os_match("Windows 7 Pro") == ["windows", "7-sp1"]. Undefined for an OS the
# bundled data does not know, or a string too vague to pin to one release
# ("Windows 11" without a feature update): such systems get no finding.
os_match(os) := [product, cycle] if {
	tokens := os_tokens(os)
	words := {t | some t in tokens}
	product := _os_product(words)
	cycle := _os_cycle(product, tokens, words)
}

# Lowercase words of an OS string; "Win7" and "Windows10" are split into
# product and version, "2012R2" into year and "r2".
os_tokens(os) := [x |
	some word in split(_os_clean(os), " ")
	word != ""
	some x in _os_split_word(word)
]

_os_clean(os) := lower(strings.replace_n(
	{"/": " ", "(": " ", ")": " ", ",": " ", ";": " ", "_": " ", "-": " ", "\t": " "},
	os,
))

_digits := {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

_os_split_word(w) := ["windows", substring(w, 7, -1)] if {
	startswith(w, "windows")
	count(w) > 7
} else := ["windows", substring(w, 3, -1)] if {
	startswith(w, "win")
	substring(w, 3, 1) in _digits
} else := [substring(w, 0, 4), "r2"] if {
	count(w) == 6
	endswith(w, "r2")
	substring(w, 0, 1) in _digits
} else := [w]

_os_product(t) := "windows-server" if {
	_is_windows(t)
	"server" in t
} else := "windows" if {
	_is_windows(t)
} else := "macos" if {
	_is_macos(t)
} else := "ios" if {
	some x in ["ios", "ipados"]
	x in t
} else := "debian" if {
	"debian" in t
} else := "ubuntu" if {
	"ubuntu" in t
}

_is_windows(t) if "windows" in t

_is_windows(t) if "win" in t

_is_macos(t) if {
	some x in ["macos", "macosx", "osx"]
	x in t
}

_is_macos(t) if {
	"os" in t
	some x in ["mac", "x"]
	x in t
}

_os_cycle("windows", _, t) := _windows_cycle(t)

_os_cycle("windows-server", _, t) := _server_cycle(t)

_os_cycle(product, tokens, _) := _versioned_cycle(product, tokens) if {
	product in {"macos", "ios", "debian", "ubuntu"}
}

_lts(t) if {
	some x in ["ltsc", "ltsb", "lts"]
	x in t
}

_windows_cycle(t) := "7-sp1" if {
	"7" in t
} else := "8.1" if {
	"8.1" in t
} else := _windows10_cycle(t) if {
	"10" in t
} else := _windows11_cycle(t) if {
	"11" in t
}

# Every non-LTSC Windows 10 release was out of support by the end of 22H2, the
# last one; the long-term (LTSC) releases have their own dates. IoT LTSC has
# longer support than the data records, so it stays unknown.
_windows10_cycle(t) := "10-22h2" if {
	not _lts(t)
} else := "10-21h2-e-lts" if {
	not "iot" in t
	some x in ["2021", "21h2"]
	x in t
} else := "10-1809-e-lts" if {
	not "iot" in t
	some x in ["2019", "1809"]
	x in t
}

# Windows 11 support depends on the feature update (24H2, 25H2, ...) and the
# edition: Enterprise/Education get 36 months, Home/Pro 24.
_windows11_cycle(t) := "11-24h2-e-lts" if {
	_lts(t)
	not "iot" in t
	some x in ["2024", "24h2"]
	x in t
} else := cycle if {
	not _lts(t)
	edition := _windows11_edition(t)
	cycles := {c |
		some r in t
		c := sprintf("11-%s-%s", [r, edition])
		os_products.windows.cycles[c]
	}
	count(cycles) == 1
	some cycle in cycles
}

_windows11_edition(t) := "e" if {
	some x in ["enterprise", "education", "edu"]
	x in t
	not "pro" in t
} else := "w"

_server_cycle(t) := cycle if {
	suffix := _r2_suffix(t)
	cycles := {c |
		some y in t
		key := concat("", [y, suffix])
		c := object.get(os_products["windows-server"].aliases, key, key)
		os_products["windows-server"].cycles[c]
	}
	count(cycles) == 1
	some cycle in cycles
}

_r2_suffix(t) := "-r2" if "r2" in t else := ""

# Version numbers ("12", "22.04.3" -> "22.04", "10.15.7" -> "10.15", "17.5" -> "17")
# and release names ("bookworm", "jammy", "big sur") of the product. Exactly one
# release must match; "iPhone 12 with iOS 17" stays unknown rather than guessed.
_versioned_cycle(product, tokens) := cycle if {
	p := os_products[product]
	by_version := {c |
		some t in tokens
		parts := split(t, ".")
		some c in {t, parts[0], concat(".", array.slice(parts, 0, 2))}
		p.cycles[c]
	}
	by_name := {c | some t in tokens; c := p.aliases[t]}
	by_two_words := {c |
		some i, t in tokens
		c := p.aliases[concat("", [t, tokens[i + 1]])]
	}
	cycles := (by_version | by_name) | by_two_words
	count(cycles) == 1
	some cycle in cycles
}

# --- Controls ----------------------------------------------------------------

# The control categories of the TOM format, with the labels German TOM documents use.
controls := {
	"physical_access": "Zutrittskontrolle",
	"system_access": "Zugangskontrolle",
	"data_access": "Zugriffskontrolle",
	"separation": "Trennungskontrolle",
	"pseudonymisation": "Pseudonymisierung",
	"encryption": "Verschlüsselung",
	"transfer": "Weitergabekontrolle",
	"input": "Eingabekontrolle",
	"availability": "Verfügbarkeitskontrolle",
	"recoverability": "Rasche Wiederherstellbarkeit",
	"order": "Auftragskontrolle",
	"review": "Verfahren zur regelmäßigen Überprüfung",
}
