//! ISO 3166-1 alpha-2 country codes: the codes a TOM's `country` fields accept.
//!
//! The list is the 249 officially assigned codes of ISO 3166-1 as kept by the ISO 3166
//! Maintenance Agency, taken from Debian's `iso-codes` 4.15.0
//! (`/usr/share/iso-codes/json/iso_3166-1.json`, <https://salsa.debian.org/iso-codes-team/iso-codes>),
//! which follows the agency's newsletters. Exceptionally or transitionally reserved codes
//! (`EU`, `UK`, `EL`, …) and user-assigned ones (`XX`, `QM`–`QZ`, `AA`, `ZZ`) are not
//! countries and are refused with a suggestion. Update it with the agency's changes
//! (the last assignment was `SS`, South Sudan, in 2011).

/// The officially assigned ISO 3166-1 alpha-2 codes, sorted.
pub const ISO_3166_1_ALPHA_2: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Whether `code` is an officially assigned ISO 3166-1 alpha-2 code (`DE`, not `de`,
/// `EU` or `UK`). Every `country` field of the TOM format is checked with it.
pub fn is_iso_country(code: &str) -> bool {
    ISO_3166_1_ALPHA_2.binary_search(&code).is_ok()
}

/// A likely meant code for one that is not assigned: the reserved codes used for
/// countries in EU texts (`UK`, `EL`), capitals for small letters, else an assigned code
/// one letter away that keeps the first letter (`DX` → `DE`).
pub fn suggest_country(code: &str) -> Option<&'static str> {
    let upper = code.to_ascii_uppercase();
    match upper.as_str() {
        "UK" => return Some("GB"),
        "EL" => return Some("GR"),
        // Not a country: no code of the same initial is meant.
        "EU" => return None,
        _ => {}
    }
    if let Ok(i) = ISO_3166_1_ALPHA_2.binary_search(&upper.as_str()) {
        return Some(ISO_3166_1_ALPHA_2[i]);
    }
    let mut chars = upper.chars();
    let (Some(first), Some(_), None) = (chars.next(), chars.next(), chars.next()) else {
        return None;
    };
    // Which second letter was meant is a guess; the first assigned code with the same
    // initial is at least a real code the user can check against.
    ISO_3166_1_ALPHA_2
        .iter()
        .copied()
        .find(|c| c.starts_with(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_unique_and_two_capitals() {
        assert!(ISO_3166_1_ALPHA_2.windows(2).all(|w| w[0] < w[1]));
        assert!(ISO_3166_1_ALPHA_2
            .iter()
            .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())));
    }

    #[test]
    fn assigned_codes_pass_and_others_do_not() {
        for ok in ["DE", "US", "CH", "GB", "GR", "SS", "AX"] {
            assert!(is_iso_country(ok), "{ok}");
        }
        for bad in [
            "XX", "DX", "EU", "UK", "EL", "de", "D", "DEU", "", "QZ", "AA", "ZZ", "XK",
        ] {
            assert!(!is_iso_country(bad), "{bad}");
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest_country("UK"), Some("GB"));
        assert_eq!(suggest_country("EL"), Some("GR"));
        assert_eq!(suggest_country("de"), Some("DE"));
        assert_eq!(suggest_country("DX"), Some("DE"));
        assert_eq!(suggest_country("XX"), None);
        assert_eq!(suggest_country("EU"), None);
        assert_eq!(suggest_country("DEU"), None);
    }
}
