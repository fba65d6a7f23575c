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

# A date `YYYY-MM-DD` as German messages write it: `DD.MM.YYYY`.
de_date(d) := concat(".", [substring(d, 8, 2), substring(d, 5, 2), substring(d, 0, 4)])

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
	p.access != "none" # an absent access means "none"
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

# A country's name, for the codes the reference data names (EU/EEA members, the
# countries with an adequacy decision and the usual third countries of providers);
# undefined for others, which messages show as the code alone.
country_name(code) := countries.names[code].en

country_name_de(code) := countries.names[code].de

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
#
# OS strings are matched once per distinct string, but regorus charges for every
# function call, builtin call and loop step, so the matching below does its
# string work with a few builtin calls on the whole string and then looks words
# up rather than testing them one by one.

os_products := data.reference.os_eol.products

# Support data of every distinct `os` string in the TOM, computed once per
# string rather than once per system: {os: {"product", "cycle", "name", "eol", ...}}.
# The body is os_match's, inlined to save a function call per string, and
# os_products is bound once, outside the loop: regorus looks a rule up again at
# every reference.
os_support := {os: entry |
	products := os_products
	some os in {s.os | some s in systems}
	is_string(os)
	tokens := os_tokens(os)
	product := _os_product(tokens)
	cycle := _os_cycle(product, tokens, os)
	entry := object.union(products[product].cycles[cycle], {"product": product, "cycle": cycle})
}

# os_match("Windows 7 Pro") == ["windows", "7-sp1"]. Undefined for an OS the
# bundled data does not know, or a string too vague to pin to one release
# ("Windows 11" without a feature update): such systems get no finding.
os_match(os) := [product, cycle] if {
	tokens := os_tokens(os)
	product := _os_product(tokens)
	cycle := _os_cycle(product, tokens, os)
}

# Lowercase words of an OS string; "Win7" and "Windows10" are split into
# product and version, "2012R2" into year and "r2".
#
# The words are split with two strings.replace_n calls on the whole string, not
# word by word: the first turns every separator into "_" (the string is wrapped
# in "_" as well, so there is a "_" at both ends of every word); the second puts
# a "_" after "windows" at the start of a word ("_windows10", "_win7") and a
# "<r2>" word after every word ending in "r2". Two calls, so that the result does
# not depend on the order replace_n applies its replacements in. Whether a word
# ending in "r2" splits ("2012r2" does, "r2" does not) depends on the whole word,
# so only strings with such a word take the slow way, word by word.
os_tokens(os) := [w | some w in words; w != ""] if {
	s := strings.replace_n(_os_separators, lower(concat("", ["_", os, "_"])))
	words := split(strings.replace_n(_os_word_splits, s), "_")
	not "<r2>" in words
} else := [x |
	some word in split(strings.replace_n(_os_separators, lower(os)), "_")
	word != ""
	some x in _os_split_word(word)
]

_os_separators := {" ": "_", "\t": "_", "/": "_", "(": "_", ")": "_", ",": "_", ";": "_", "-": "_"}

_os_word_splits := {
	"_windows": "_windows_",
	"_win0": "_windows_0", "_win1": "_windows_1", "_win2": "_windows_2", "_win3": "_windows_3", "_win4": "_windows_4",
	"_win5": "_windows_5", "_win6": "_windows_6", "_win7": "_windows_7", "_win8": "_windows_8", "_win9": "_windows_9",
	"r2_": "r2_<r2>_",
}

_digits := {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

# The words of one word, for the slow way of os_tokens.
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

# One branch per word that names a product: a test of one word is nearly free,
# a helper function or a loop over alternatives is not.
_os_product(t) := "windows-server" if {
	"server" in t
	"windows" in t
} else := "windows-server" if {
	"server" in t
	"win" in t
} else := "windows-server" if {
	# "Windows 2012 R2": a year only servers have, and no client version.
	some w in t
	_windows_words[w]
	some y in t
	_server_years[y]
	not "10" in t
	not "11" in t
} else := "windows" if {
	"windows" in t
} else := "windows" if {
	"win" in t
} else := "macos" if {
	"macos" in t
} else := "macos" if {
	"macosx" in t
} else := "macos" if {
	"osx" in t
} else := "macos" if {
	"os" in t
	"mac" in t
} else := "macos" if {
	"os" in t
	"x" in t
} else := "ipados" if {
	"ipados" in t
} else := "ios" if {
	"ios" in t
} else := "android" if {
	"android" in t
} else := "debian" if {
	"debian" in t
} else := "ubuntu" if {
	"ubuntu" in t
} else := "centos-stream" if {
	"centos" in t
	"stream" in t
} else := "centos" if {
	"centos" in t
} else := "rhel" if {
	"rhel" in t
} else := "rhel" if {
	"redhat" in t
} else := "rhel" if {
	"red" in t
	"hat" in t
} else := "rocky-linux" if {
	"rocky" in t
} else := "almalinux" if {
	"almalinux" in t
} else := "almalinux" if {
	"alma" in t
} else := "windows-server" if {
	# "Server 2012 R2" without "Windows"; checked last, after every product
	# whose servers are named "Server" too ("Ubuntu Server 24.04").
	"server" in t
	some y in t
	_server_years[y]
}

_windows_words := {"windows", "win"}

_server_years := {"2003", "2008", "2012", "2016", "2019", "2022", "2025"}

# The products whose releases are version numbers and release names, with the
# words that name each, for finding the version written right after the name
# ("iOS 17 (iPhone 12)").
_product_words := {
	"macos": {"macos", "macosx", "osx", "x", "os"},
	"ios": {"ios"},
	"ipados": {"ipados"},
	"android": {"android"},
	"debian": {"debian", "linux"},
	"ubuntu": {"ubuntu", "lts", "server", "desktop"},
	"rhel": {"rhel", "linux"},
	"centos": {"centos", "linux"},
	"centos-stream": {"stream"},
	"rocky-linux": {"rocky", "linux"},
	"almalinux": {"almalinux", "alma", "linux", "os"},
}

# The cycle a version word names, most specific first: "12.1" is Android 12.1
# where the data has it, "22.04.3" is Ubuntu 22.04, "17.5" is iOS 17.
_os_version(p, w) := w if {
	p.cycles[w]
} else := c if {
	# mutants: allow drop-expression because without a "." parts[1] is undefined anyway; it only saves builtin calls
	contains(w, ".")
	parts := split(w, ".")
	c := concat(".", [parts[0], parts[1]])
	p.cycles[c]
} else := c if {
	# mutants: allow drop-expression because without a "." c is w, which the first branch tested; it only saves builtin calls
	contains(w, ".")
	c := split(w, ".")[0]
	p.cycles[c]
}

# Version numbers ("12", "22.04.3" -> "22.04", "10.15.7" -> "10.15", "17.5" -> "17")
# and release names ("bookworm", "jammy", "big sur") of the product. Exactly one
# release must match; when several versions are written ("iOS 17 (iPhone 12)")
# the one right after the product's name counts, unless a release name in the
# string names another release ("Debian 12 bullseye" stays unknown).
_os_cycle(product, t, os) := cycle if {
	_product_words[product]
	p := os_products[product]
	[cycle] := [c | some c in _os_versions(p, t, os) | _os_names(p, t)]
} else := cycle if {
	words := _product_words[product]
	p := os_products[product]
	[cycle] := [c |
		some c in {v |
			some i, x in t
			words[x]
			v := _os_version(p, t[i + 1])
		}
	]
	every n in _os_names(p, t) {
		n == cycle
	}
} else := _windows_cycle(t) if {
	product == "windows"
} else := cycle if {
	product == "windows-server"
	p := os_products["windows-server"]
	cycles := {c |
		some k in _server_keys(t)
		c := object.get(p.aliases, k, k)
		p.cycles[c]
	}
	[cycle] := [c | some c in cycles]
}

# The contains(…, ".") tests (here, in _os_version and p.aliases != {} in
# _os_names) change no result: they skip builtin calls for words that cannot match.
_os_versions(p, t, os) := {c | some x in t; p.cycles[x]; c := x} | {c |
	contains(os, ".") # mutants: allow drop-expression because no word has a "." when the string has none
	some x in t
	contains(x, ".") # mutants: allow drop-expression because _os_version of a word without "." is the word, found by the first set
	c := _os_version(p, x)
}

# Release names of one word ("bookworm") or two ("big sur", "high sierra"); a word
# that is part of a two-word name does not count on its own ("sierra" in "high
# sierra" is not macOS 10.12 Sierra).
_os_names(p, t) := {c | some _, c in pairs} | {c |
	some i, x in t
	not pairs[i]
	c := p.aliases[x]
} if {
	pairs := {i + 1: c |
		p.aliases != {} # mutants: allow drop-expression because p.aliases[…] is undefined in an empty object anyway
		some i, x in t
		c := p.aliases[concat("", [x, t[i + 1]])]
	}
}

# "2012" and "r2" name the cycle "2012-r2".
_server_keys(t) := [concat("", [y, "-r2"]) | some y in t] if "r2" in t else := t

# "10" wins over "11" ("Windows 10 or 11"). Every non-LTSC Windows 10 release was
# out of support by the end of 22H2, the last one; the long-term (LTSC) releases
# have their own dates. IoT LTSC has longer support than Enterprise LTSC and is
# not in the bundled data, so it stays unknown. Windows 11 support depends on the
# feature update (24H2, 25H2, ...) and the edition: Enterprise/Education get 36
# months, Home/Pro 24.
_windows_cycle(t) := "7-sp1" if {
	"7" in t
} else := "8.1" if {
	"8.1" in t
} else := "8" if {
	"8" in t
} else := "6-sp2" if {
	"vista" in t
} else := "5-sp3" if {
	"xp" in t
} else := "10-22h2" if {
	"10" in t
	not "ltsc" in t
	not "ltsb" in t
	not "lts" in t
} else := "10-21h2-e-lts" if {
	"10" in t # and LTSC, or the branch before would have matched
	not "iot" in t
	some x in ["2021", "21h2"]
	x in t
} else := "10-1809-e-lts" if {
	"10" in t
	not "iot" in t
	some x in ["2019", "1809"]
	x in t
} else := "10-1607-e-lts" if {
	"10" in t
	not "iot" in t
	some x in ["2016", "1607"]
	x in t
} else := "10-1507-e-lts" if {
	"10" in t
	not "iot" in t
	some x in ["2015", "1507"]
	x in t
} else := "11-24h2-e-lts" if {
	not "10" in t
	"11" in t
	some l in ["ltsc", "ltsb", "lts"]
	l in t
	not "iot" in t
	some x in ["2024", "24h2"]
	x in t
} else := cycle if {
	# mutants: allow drop-expression because with "10" and no LTS word the "10-22h2" branch matched already
	not "10" in t
	"11" in t
	not "ltsc" in t
	not "ltsb" in t
	not "lts" in t
	edition := _windows11_edition(t)
	known := os_products.windows.cycles
	cycles := {c |
		some r in t
		c := sprintf("11-%s-%s", [r, edition])
		known[c]
	}
	[cycle] := [c | some c in cycles]
}

_windows11_edition(t) := "e" if {
	some x in ["enterprise", "education", "edu"]
	x in t
	not "pro" in t
} else := "w"

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
