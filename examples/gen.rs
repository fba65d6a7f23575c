//! Synthetic TOMs for benchmarks: `cargo run --release --example gen -- --entities N
//! --seed S --out DIR [--commits K] [--unchanged]`.
//!
//! Writes a TOM of exactly N entities (the organization counts as one) into `DIR/tom/`,
//! with the proportions of a real mid-sized company: many systems and measures, fewer
//! providers, locations and backups, a handful of waivers. Everything is cross-referenced
//! (systems run at locations operated by providers, backups cover systems and sit at
//! other sites, measures apply to systems and locations, waivers name real findings) and
//! a few percent of the entities break a rule, so every policy has work to do and the
//! report is not empty. The output depends only on N and the seed.
//!
//! With `--commits K`, DIR becomes a git repository with K commits: the first adds the
//! TOM, each later one changes a few entities (a restore test, an OS upgrade, a new
//! measure, a signed AVV), the way a TOM evolves. Commits are written straight into the
//! object database (only changed files get new blobs), so a history of 1,000 commits
//! takes well under a second. With `--unchanged`, the later commits toggle between two
//! states of the TOM: every commit touches the TOM, but there are only two distinct trees
//! (what `tomcheck log` must evaluate only twice).
//!
//! The benches include this file as a module to generate TOMs in memory ([`Tom`]).
//!
//! Evaluate the result with a fixed date so the findings are stable:
//! `tomcheck -C DIR check --today 2026-11-22`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The evaluation date the generated dates are chosen around (see the module docs).
const TODAY: (i32, u32, u32) = (2026, 11, 22);
/// Entities per file for the big kinds: users split large TOMs into several files.
const PER_FILE: usize = 500;

fn main() -> ExitCode {
    match Args::parse(std::env::args().skip(1)) {
        Ok(args) => match run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("gen: {e}");
                ExitCode::from(1)
            }
        },
        Err(e) => {
            eprintln!("gen: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

const USAGE: &str = "usage: gen --entities N [--seed S] --out DIR [--commits K] [--unchanged]";

struct Args {
    entities: usize,
    seed: u64,
    out: PathBuf,
    commits: usize,
    unchanged: bool,
}

impl Args {
    fn parse(mut it: impl Iterator<Item = String>) -> Result<Self, String> {
        let (mut entities, mut seed, mut out, mut commits, mut unchanged) =
            (None, 1, None, 0, false);
        while let Some(arg) = it.next() {
            let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
            match arg.as_str() {
                "--entities" => entities = Some(number(&value("--entities")?)?),
                "--seed" => seed = number(&value("--seed")?)? as u64,
                "--out" => out = Some(PathBuf::from(value("--out")?)),
                "--commits" => commits = number(&value("--commits")?)?,
                "--unchanged" => unchanged = true,
                "-h" | "--help" => return Err("help".into()),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        let entities = entities.ok_or("--entities is required")?;
        if entities < 20 {
            return Err("--entities must be at least 20".into());
        }
        Ok(Self {
            entities,
            seed,
            out: out.ok_or("--out is required")?,
            commits,
            unchanged,
        })
    }
}

fn number(s: &str) -> Result<usize, String> {
    s.replace('_', "")
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))
}

fn run(args: &Args) -> Result<(), String> {
    let mut tom = Tom::generate(args.entities, args.seed);
    if args.commits == 0 {
        return write_dir(&args.out, &tom.files());
    }
    history(args, &mut tom).map_err(|e| format!("git: {e}"))
}

/// SplitMix64: tiny, fast and the same on every platform, so a seed means one TOM.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: f64) -> bool {
        (self.next() % 10_000) as f64 / 100.0 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// A date `YYYY-MM-DD` up to `days` days before `TODAY` (approximate months are fine).
    fn date_before(&mut self, days: usize) -> String {
        date_offset(-(self.below(days) as i64))
    }
}

/// `TODAY` plus `days` (negative: before), as `YYYY-MM-DD`.
fn date_offset(days: i64) -> String {
    let (y, m, d) = TODAY;
    let (y, m, d) = civil_from_days(days_from_civil(y, m, d) + days);
    format!("{y:04}-{m:02}-{d:02}")
}

// Howard Hinnant's civil-date algorithms: exact, no dependency.
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(if m <= 2 { y - 1 } else { y });
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// One entity as ordered `key = value` lines (values already TOML-encoded).
#[derive(Clone)]
struct Entity {
    id: String,
    fields: Vec<(&'static str, String)>,
    /// A comment line above the table, as real TOMs have.
    comment: Option<String>,
}

impl Entity {
    fn new(id: String) -> Self {
        Self {
            fields: vec![("id", quote(&id))],
            id,
            comment: None,
        }
    }

    fn set(&mut self, key: &'static str, value: String) {
        match self.fields.iter_mut().find(|(k, _)| *k == key) {
            Some(f) => f.1 = value,
            None => self.fields.push((key, value)),
        }
    }

    fn remove(&mut self, key: &str) {
        self.fields.retain(|(k, _)| *k != key);
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(ids: &[String]) -> String {
    let items: Vec<String> = ids.iter().map(|i| quote(i)).collect();
    format!("[{}]", items.join(", "))
}

/// The generated TOM: entities by kind, in file order.
pub struct Tom {
    rng: Rng,
    organization: Entity,
    kinds: BTreeMap<&'static str, Vec<Entity>>,
    /// Counter for entities added by later commits.
    added: usize,
}

const CITIES: &[&str] = &[
    "München",
    "Nürnberg",
    "Köln",
    "Düsseldorf",
    "Leipzig",
    "Hamburg",
    "Bremen",
    "Freiburg",
    "Würzburg",
    "Göttingen",
    "Mainz",
    "Kassel",
];
const FIRMS: &[&str] = &[
    "Hosting",
    "Software",
    "IT-Service",
    "Cloud",
    "Lohnbüro",
    "Druckerei",
    "Telefonie",
    "Rechenzentrum",
    "Mailing",
    "Archiv",
    "Support",
    "Entsorgung",
];
const FORMS: &[&str] = &[
    "GmbH",
    "AG",
    "GmbH & Co. KG",
    "e.K.",
    "UG (haftungsbeschränkt)",
];
const THIRD: &[(&str, &str)] = &[
    ("US", "dpf"),
    ("US", "scc"),
    ("CH", ""),
    ("GB", ""),
    ("IN", "scc"),
    ("JP", ""),
];
const SUPPORTED_OS: &[(&str, &[&str])] = &[
    (
        "server",
        &[
            "Debian 13",
            "Ubuntu 24.04 LTS",
            "Windows Server 2022",
            "Windows Server 2025",
        ],
    ),
    (
        "workstation",
        &[
            "Windows 11 25H2 Pro",
            "Windows 11 24H2 Enterprise LTSC",
            "Ubuntu 24.04",
        ],
    ),
    (
        "laptop",
        &[
            "Windows 11 25H2 Pro",
            "macOS 15 Sequoia",
            "macOS 26",
            "Ubuntu 26.04",
        ],
    ),
    ("mobile", &["iOS 26", "iOS 18"]),
    ("tablet", &["iPadOS 26", "iPadOS 18"]),
    ("storage", &["Debian 13", "Ubuntu 24.04 LTS"]),
    ("network", &["Debian 13"]),
];
const EOL_OS: &[&str] = &[
    "Windows 10 22H2",
    "Debian 10",
    "Windows Server 2012 R2",
    "macOS 13",
    "Ubuntu 20.04",
];
// The control categories of the TOM format, from the library so they cannot drift.
use tomcheck::schema::CONTROLS;
const MEASURE_TEXTS: &[&str] = &[
    "Zugang nur mit persönlicher Kennung und starkem Passwort; Anmeldung mit zweitem Faktor.",
    "Rollenbasierte Berechtigungen, vierteljährlich durch die Fachabteilung überprüft.",
    "Die Räume sind verschlossen; Schlüssel werden gegen Unterschrift ausgegeben.",
    "Daten verschiedener Mandanten liegen in getrennten Datenbanken.",
    "Übertragungen erfolgen ausschließlich TLS-verschlüsselt (mindestens TLS 1.2).",
    "Änderungen werden mit Benutzer und Zeitpunkt protokolliert; Protokolle 12 Monate aufbewahrt.",
    "USV und redundante Netzteile; Überwachung mit Alarmierung rund um die Uhr.",
    "Wiederherstellung wird halbjährlich mit einer Stichprobe getestet.",
    "Dienstleister werden vor Beauftragung geprüft; AVV vor Beginn der Verarbeitung.",
    "Die TOM werden jährlich durch den Datenschutzbeauftragten überprüft.",
];

/// Share of the entities per kind (the rest are measures).
const SHARE: [(&str, f64); 5] = [
    ("provider", 0.08),
    ("location", 0.06),
    ("system", 0.40),
    ("backup", 0.10),
    ("waiver", 0.015),
];

impl Tom {
    pub fn generate(entities: usize, seed: u64) -> Self {
        let mut rng = Rng(seed ^ 0x746f_6d63_6865_636b);
        let rest = entities - 1;
        let n = |kind: &str| -> usize {
            let share = SHARE.iter().find(|(k, _)| *k == kind).map_or(0.0, |s| s.1);
            ((rest as f64 * share).round() as usize).max(if kind == "location" { 5 } else { 2 })
        };
        let (n_prov, n_loc, n_sys, n_bak, n_waiv) = (
            n("provider"),
            n("location"),
            n("system"),
            n("backup"),
            n("waiver"),
        );
        let n_meas = rest - n_prov - n_loc - n_sys - n_bak - n_waiv;

        let mut organization = Entity::new(String::new());
        organization.fields.clear();
        organization.set("name", quote("Beispiel Handels- und Dienstleistungs GmbH"));
        organization.set("country", quote("DE"));
        organization.set("address", quote("Musterstraße 1, 80331 München"));
        organization.set("as_of", "2018-05-25".into());
        organization.set("reviewed", rng.date_before(200));
        organization.set("dpo", quote("Erika Mustermann <dsb@example.de>"));

        // Providers: mostly German processors with an AVV; some controllers (tax
        // advisers, banks), some in third countries; a few percent with a gap.
        let mut providers = Vec::with_capacity(n_prov);
        for i in 0..n_prov {
            let mut p = Entity::new(format!("provider-{i:05}"));
            let firm = rng.pick(FIRMS);
            let city = rng.pick(CITIES);
            p.set(
                "name",
                quote(&format!("{firm} {city} {} {i}", rng.pick(FORMS))),
            );
            p.set(
                "address",
                quote(&format!("Hauptstraße {}, {city}", 1 + rng.below(200))),
            );
            let controller = rng.chance(12.0);
            let third = !controller && rng.chance(10.0);
            let (country, transfer) = if third { rng.pick(THIRD) } else { ("DE", "") };
            p.set("country", quote(country));
            p.set(
                "role",
                quote(if controller {
                    "controller"
                } else {
                    "processor"
                }),
            );
            p.set("purpose", quote(&format!("{firm} für die Fachabteilungen")));
            let personal = rng.chance(85.0);
            p.set("personal_data", personal.to_string());
            let access = if personal {
                rng.pick(&["full", "read", "read", "metadata"])
            } else {
                "none"
            };
            p.set("access", quote(access));
            if !controller {
                if rng.chance(3.0) {
                    p.comment = Some("AVV angefragt, noch nicht unterschrieben".into());
                } else {
                    let signed = rng.date_before(2000);
                    let expires = if rng.chance(2.5) {
                        format!(", expires = {}", rng.date_before(300))
                    } else if rng.chance(20.0) {
                        format!(", expires = {}", date_offset(200 + rng.below(1000) as i64))
                    } else {
                        String::new()
                    };
                    p.set(
                        "avv",
                        format!("{{ signed = {signed}{expires}, document = \"contracts/provider-{i:05}-avv.pdf\" }}"),
                    );
                }
            }
            if !transfer.is_empty() && !rng.chance(4.0) {
                p.set("transfer", quote(transfer));
            }
            if i > 3 && rng.chance(15.0) {
                let sub = format!("provider-{:05}", rng.below(i));
                p.set("subprocessors", list(&[sub]));
            }
            providers.push(p);
        }

        // Locations: offices and home offices of our own, datacenters and cloud regions
        // of providers. Every location has its own site except a few that share one.
        let mut locations = Vec::with_capacity(n_loc);
        for i in 0..n_loc {
            let mut l = Entity::new(format!("location-{i:04}"));
            let (kind, operated) = match i % 5 {
                0 => ("office", false),
                1 => ("home-office", false),
                2 | 3 => ("datacenter", true),
                _ => ("cloud", true),
            };
            let city = rng.pick(CITIES);
            l.set("name", quote(&format!("{kind} {city} {i}")));
            l.set("kind", quote(kind));
            if operated {
                l.set("provider", quote(&providers[rng.below(n_prov)].id));
            }
            l.set("country", quote("DE"));
            l.set("site", quote(&format!("site-{i:04}")));
            locations.push(l);
        }
        let own: Vec<usize> = (0..n_loc).filter(|i| i % 5 < 2).collect();
        let hosted: Vec<usize> = (0..n_loc).filter(|i| i % 5 >= 2).collect();

        // Systems.
        let kinds = [
            ("laptop", 30.0),
            ("workstation", 20.0),
            ("mobile", 14.0),
            ("server", 12.0),
            ("saas", 10.0),
            ("network", 5.0),
            ("tablet", 5.0),
            ("storage", 4.0),
        ];
        let mut systems = Vec::with_capacity(n_sys);
        for i in 0..n_sys {
            let mut s = Entity::new(format!("system-{i:06}"));
            let mut roll = rng.below(100) as f64;
            let kind = kinds
                .iter()
                .find(|(_, share)| {
                    roll -= share;
                    roll < 0.0
                })
                .map_or("laptop", |k| k.0);
            s.set("name", quote(&format!("{kind} {i}")));
            s.set("kind", quote(kind));
            match kind {
                "server" | "storage" | "network" if rng.chance(60.0) => {
                    let l = &locations[rng.pick(&hosted)];
                    if let Some(op) = l.get("provider") {
                        s.set("provider", op.to_string());
                    }
                    s.set("location", quote(&l.id));
                }
                "saas" => {
                    let l = &locations[rng.pick(&hosted)];
                    if let Some(op) = l.get("provider") {
                        s.set("provider", op.to_string());
                    }
                    s.set("location", quote(&l.id));
                }
                _ => s.set("location", quote(&locations[rng.pick(&own)].id)),
            }
            s.set("personal_data", rng.chance(80.0).to_string());
            if let Some((_, oses)) = SUPPORTED_OS.iter().find(|(k, _)| *k == kind) {
                let os = if rng.chance(3.0) {
                    rng.pick(EOL_OS)
                } else {
                    rng.pick(oses)
                };
                s.set("os", quote(os));
            }
            let portable = matches!(kind, "laptop" | "mobile" | "tablet");
            if !(portable && rng.chance(3.0)) && rng.chance(if portable { 100.0 } else { 70.0 }) {
                s.set("encrypted", "true".into());
            }
            systems.push(s);
        }

        // Backups: the systems that need one are dealt out to the backups; a few are left
        // out. Each backup sits at a site other than its systems', except a few.
        let needs: Vec<usize> = (0..n_sys)
            .filter(|&i| {
                matches!(
                    systems[i].get("kind"),
                    Some("\"server\"" | "\"workstation\"" | "\"laptop\"" | "\"storage\"")
                )
            })
            .filter(|_| !rng.chance(3.0))
            .collect();
        let mut covered: Vec<Vec<String>> = vec![Vec::new(); n_bak];
        for (k, &i) in needs.iter().enumerate() {
            covered[k % n_bak].push(systems[i].id.clone());
        }
        let location_of: BTreeMap<&str, &str> = systems
            .iter()
            .filter_map(|s| Some((s.id.as_str(), s.get("location")?)))
            .collect();
        let mut backups = Vec::with_capacity(n_bak);
        for (i, systems_of) in covered.into_iter().enumerate() {
            let mut b = Entity::new(format!("backup-{i:05}"));
            let systems_of = if systems_of.is_empty() {
                vec![systems[rng.below(n_sys)].id.clone()]
            } else {
                systems_of
            };
            let first_loc = location_of
                .get(systems_of[0].as_str())
                .copied()
                .unwrap_or("");
            let loc = if rng.chance(2.0) {
                // Kept where the system is: no spatial separation.
                first_loc.trim_matches('"').to_string()
            } else {
                // Another location, a hosted one when there is one: a few random
                // picks, then the first other location.
                (0..16)
                    .map(|_| rng.pick(&hosted))
                    .chain(0..n_loc)
                    .map(|l| &locations[l].id)
                    .find(|id| quote(id) != first_loc)
                    .expect("at least five locations")
                    .clone()
            };
            b.set("name", quote(&format!("Sicherung {i}")));
            b.set("systems", list(&systems_of));
            b.set("location", quote(&loc));
            b.set(
                "frequency",
                quote(rng.pick(&["daily", "daily", "hourly", "weekly"])),
            );
            if !rng.chance(2.0) {
                b.set("retention_days", (7 * (1 + rng.below(26))).to_string());
            }
            if !rng.chance(2.0) {
                b.set("encrypted", "true".into());
            }
            if rng.chance(2.0) {
                // never tested
            } else if rng.chance(3.0) {
                b.set("restore_tested", date_offset(-400 - rng.below(400) as i64));
            } else {
                b.set("restore_tested", rng.date_before(300));
            }
            b.set(
                "method",
                quote(rng.pick(&["restic", "borg", "Veeam", "Hyper Backup"])),
            );
            backups.push(b);
        }

        // Measures: every control category is covered; the rest spread over categories,
        // most applying to a few systems or locations.
        let mut measures = Vec::with_capacity(n_meas);
        for i in 0..n_meas {
            let mut m = Entity::new(format!("measure-{i:06}"));
            let control = CONTROLS[i % CONTROLS.len()];
            m.set("control", quote(control));
            m.set("text", quote(rng.pick(MEASURE_TEXTS)));
            if rng.chance(70.0) {
                let targets: Vec<String> = (0..1 + rng.below(3))
                    .map(|_| {
                        if rng.chance(30.0) {
                            locations[rng.below(n_loc)].id.clone()
                        } else {
                            systems[rng.below(n_sys)].id.clone()
                        }
                    })
                    .collect();
                m.set("applies_to", list(&targets));
            }
            if i >= CONTROLS.len() && rng.chance(8.0) {
                m.set("status", quote(rng.pick(&["planned", "retired"])));
            }
            measures.push(m);
        }

        let mut tom = Self {
            rng,
            organization,
            kinds: BTreeMap::new(),
            added: 0,
        };
        tom.kinds.insert("provider", providers);
        tom.kinds.insert("location", locations);
        tom.kinds.insert("system", systems);
        tom.kinds.insert("backup", backups);
        tom.kinds.insert("measure", measures);
        let waivers = tom.waivers(n_waiv);
        tom.kinds.insert("waiver", waivers);
        tom
    }

    /// Waivers: most accept a real finding (a missing backup, an unencrypted laptop,
    /// an old OS), a few have expired, a few match nothing.
    fn waivers(&mut self, n: usize) -> Vec<Entity> {
        let systems = &self.kinds["system"];
        let backups = &self.kinds["backup"];
        let mut candidates: Vec<(&str, String)> = Vec::new();
        for b in backups {
            if b.get("restore_tested").is_none() {
                candidates.push(("backup.restore-untested", format!("backup:{}", b.id)));
            }
            if b.get("retention_days").is_none() {
                candidates.push(("backup.retention-missing", format!("backup:{}", b.id)));
            }
        }
        let backed_up: std::collections::HashSet<String> = backups
            .iter()
            .filter_map(|b| b.get("systems"))
            .flat_map(|l| {
                l.trim_matches(['[', ']'])
                    .split(", ")
                    .map(|i| i.trim_matches('"').to_string())
            })
            .collect();
        for s in systems {
            let personal = s.get("personal_data") == Some("true");
            let needs_backup = matches!(
                s.get("kind"),
                Some("\"server\"" | "\"workstation\"" | "\"laptop\"" | "\"storage\"")
            );
            if personal && needs_backup && !backed_up.contains(&s.id) {
                candidates.push(("backup.missing", format!("system:{}", s.id)));
            }
            if personal
                && s.get("os")
                    .is_some_and(|os| EOL_OS.iter().any(|e| quote(e) == os))
            {
                candidates.push(("system.eol", format!("system:{}", s.id)));
            }
            let portable = matches!(
                s.get("kind"),
                Some("\"laptop\"" | "\"mobile\"" | "\"tablet\"")
            );
            if portable && s.get("encrypted").is_none() && s.get("personal_data") == Some("true") {
                candidates.push(("system.unencrypted-portable", format!("system:{}", s.id)));
            }
        }
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let mut w = Entity::new(format!("waiver-{i:04}"));
            let (rule, subject) = if !candidates.is_empty() && !self.rng.chance(10.0) {
                candidates.swap_remove(self.rng.below(candidates.len()))
            } else {
                (
                    "backup.offsite",
                    format!("backup:{}", backups[self.rng.below(backups.len())].id),
                )
            };
            w.set("rule", quote(rule));
            w.set("subject", quote(&subject));
            w.set(
                "reason",
                quote("Ersatz ist bestellt; Umsetzung im nächsten Quartal"),
            );
            w.set("approved_by", quote("Geschäftsführung"));
            let expires = if self.rng.chance(5.0) {
                self.rng.date_before(60)
            } else {
                date_offset(30 + self.rng.below(300) as i64)
            };
            w.set("expires", expires);
            out.push(w);
        }
        out
    }

    /// The TOM as files: `tom/<kind>s.toml`, big kinds split into numbered files.
    pub fn files(&self) -> Vec<(String, String)> {
        let mut files = Vec::new();
        let mut org = String::from("# Stammdaten des Verantwortlichen\n[organization]\n");
        for (k, v) in &self.organization.fields {
            let _ = writeln!(org, "{k} = {v}");
        }
        files.push(("tom/organization.toml".to_string(), org));
        for (kind, entities) in &self.kinds {
            let chunks: Vec<&[Entity]> = entities.chunks(PER_FILE).collect();
            for (n, chunk) in chunks.iter().enumerate() {
                let path = if chunks.len() == 1 {
                    format!("tom/{kind}s.toml")
                } else {
                    format!("tom/{kind}s/{n:03}.toml")
                };
                files.push((path, render(kind, chunk)));
            }
        }
        files
    }

    /// Changes one entity the way TOM maintenance does; returns a commit message.
    fn evolve(&mut self, step: usize) -> String {
        let rng = &mut self.rng;
        match step % 6 {
            0 => {
                let backups = self.kinds.get_mut("backup").expect("backups");
                let k = rng.below(backups.len());
                let b = &mut backups[k];
                b.set("restore_tested", rng.date_before(30));
                format!("Restore test of {} recorded", b.id)
            }
            1 => {
                let systems = self.kinds.get_mut("system").expect("systems");
                let k = rng.below(systems.len());
                let s = &mut systems[k];
                if let Some((_, oses)) = SUPPORTED_OS
                    .iter()
                    .find(|(k, _)| Some(format!("\"{k}\"").as_str()) == s.get("kind"))
                {
                    s.set("os", quote(rng.pick(oses)));
                }
                format!("{}: operating system upgraded", s.id)
            }
            2 => {
                self.added += 1;
                let systems = &self.kinds["system"];
                let target = systems[rng.below(systems.len())].id.clone();
                let mut m = Entity::new(format!("measure-added-{:05}", self.added));
                m.set("control", quote(rng.pick(CONTROLS)));
                m.set("text", quote(rng.pick(MEASURE_TEXTS)));
                m.set("applies_to", list(&[target]));
                let id = m.id.clone();
                self.kinds.get_mut("measure").expect("measures").push(m);
                format!("New measure {id}")
            }
            3 => {
                let providers = self.kinds.get_mut("provider").expect("providers");
                let k = rng.below(providers.len());
                let p = &mut providers[k];
                if p.get("role") == Some("\"processor\"") {
                    p.set(
                        "avv",
                        format!(
                            "{{ signed = {}, document = \"contracts/{}-avv.pdf\" }}",
                            rng.date_before(20),
                            p.id
                        ),
                    );
                }
                format!("AVV with {} renewed", p.id)
            }
            4 => {
                let systems = self.kinds.get_mut("system").expect("systems");
                let k = rng.below(systems.len());
                let s = &mut systems[k];
                s.set("encrypted", "true".into());
                s.set(
                    "notes",
                    quote(&format!("Geprüft bei der Inventur, Schritt {step}")),
                );
                format!("{}: encryption confirmed", s.id)
            }
            _ => {
                let backups = self.kinds.get_mut("backup").expect("backups");
                let k = rng.below(backups.len());
                let b = &mut backups[k];
                b.set("retention_days", (7 * (1 + rng.below(52))).to_string());
                if rng.chance(50.0) {
                    b.remove("notes");
                } else {
                    b.set("notes", quote("Aufbewahrung an die Löschfristen angepasst"));
                }
                format!("Retention of {} adjusted", b.id)
            }
        }
    }
}

fn render(kind: &str, entities: &[Entity]) -> String {
    let mut out = String::with_capacity(entities.len() * 200);
    for e in entities {
        if let Some(c) = &e.comment {
            let _ = writeln!(out, "# {c}");
        }
        let _ = writeln!(out, "[[{kind}]]");
        for (k, v) in &e.fields {
            let _ = writeln!(out, "{k} = {v}");
        }
        out.push('\n');
    }
    out
}

fn write_dir(out: &Path, files: &[(String, String)]) -> Result<(), String> {
    let tom = out.join("tom");
    if tom.exists() {
        std::fs::remove_dir_all(&tom)
            .map_err(|e| format!("cannot clear {}: {e}", tom.display()))?;
    }
    for (path, text) in files {
        let path = out.join(path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Writes `--commits K` commits into a fresh repository at `args.out`.
fn history(args: &Args, tom: &mut Tom) -> Result<(), git2::Error> {
    if args.out.join(".git").exists() {
        return Err(git2::Error::from_str(&format!(
            "{} already holds a repository; choose an empty directory",
            args.out.display()
        )));
    }
    let repo = git2::Repository::init(&args.out)?;
    let mut blobs: BTreeMap<String, (String, git2::Oid)> = BTreeMap::new();
    let mut parent: Option<git2::Oid> = None;
    let first = tom.files();
    let (mut state_a, mut state_b) = (None, None);
    for step in 0..args.commits {
        let (files, message) = if step == 0 {
            (first.clone(), "Initial TOM".to_string())
        } else if args.unchanged {
            // Toggle between two states: every commit touches the TOM, two trees in all.
            if state_b.is_none() {
                state_a = Some(first.clone());
                tom.evolve(step);
                state_b = Some(tom.files());
            }
            let files = if step % 2 == 1 { &state_b } else { &state_a };
            let files = files.clone().expect("set above");
            (files, format!("Toggle a backup's restore test ({step})"))
        } else {
            let mut message = tom.evolve(step);
            // A third of the commits change two entities at once.
            if step % 3 == 0 {
                message.push_str("; ");
                message.push_str(&tom.evolve(step + 1));
            }
            let mut files = tom.files();
            // Every commit touches the TOM: a change that changed nothing (an AVV
            // "renewed" for a controller) is followed by another one.
            let mut extra = 0;
            while files
                .iter()
                .all(|(p, t)| blobs.get(p).is_some_and(|(b, _)| b == t))
            {
                extra += 1;
                message = tom.evolve(step + extra);
                files = tom.files();
            }
            (files, message)
        };
        let mut changed = false;
        for (path, text) in &files {
            let same = blobs.get(path).is_some_and(|(t, _)| t == text);
            if !same {
                let oid = repo.blob(text.as_bytes())?;
                blobs.insert(path.clone(), (text.clone(), oid));
                changed = true;
            }
        }
        blobs.retain(|p, _| files.iter().any(|(f, _)| f == p));
        debug_assert!(changed || step == 0);
        let tree = build_tree(&repo, &blobs)?;
        let when = git2::Time::new(1_767_225_600 + 3_600 * step as i64, 60);
        let sig = git2::Signature::new("TOM Maintainer", "tom@example.de", &when)?;
        let tree = repo.find_tree(tree)?;
        let parents: Vec<git2::Commit<'_>> = parent
            .iter()
            .map(|p| repo.find_commit(*p))
            .collect::<Result<_, _>>()?;
        let parent_refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let id = repo.commit(None, &sig, &sig, &message, &tree, &parent_refs)?;
        parent = Some(id);
    }
    let head = parent.expect("at least one commit");
    repo.reference("refs/heads/main", head, true, "gen")?;
    repo.set_head("refs/heads/main")?;
    repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))?;
    Ok(())
}

/// Nested trees from `path → blob` (paths like `tom/systems/000.toml`).
fn build_tree(
    repo: &git2::Repository,
    blobs: &BTreeMap<String, (String, git2::Oid)>,
) -> Result<git2::Oid, git2::Error> {
    #[derive(Default)]
    struct Dir {
        files: BTreeMap<String, git2::Oid>,
        dirs: BTreeMap<String, Dir>,
    }
    fn write(repo: &git2::Repository, dir: &Dir) -> Result<git2::Oid, git2::Error> {
        let mut builder = repo.treebuilder(None)?;
        for (name, oid) in &dir.files {
            builder.insert(name, *oid, 0o100_644)?;
        }
        for (name, sub) in &dir.dirs {
            let oid = write(repo, sub)?;
            builder.insert(name, oid, 0o040_000)?;
        }
        builder.write()
    }
    let mut root = Dir::default();
    for (path, (_, oid)) in blobs {
        let mut parts: Vec<&str> = path.split('/').collect();
        let file = parts.pop().expect("non-empty path");
        let mut dir = &mut root;
        for p in parts {
            dir = dir.dirs.entry(p.to_string()).or_default();
        }
        dir.files.insert(file.to_string(), *oid);
    }
    write(repo, &root)
}
