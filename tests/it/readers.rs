//! Property tests of every reader of outside files: the contacts CSV, the follow-up
//! CSV, the pool and quota files, the published portfolio, the invitation list. Any
//! input: no panic, and either a clean refusal (naming a line where there is one) or
//! a result that round-trips: what Agora writes, it reads back the same. The number of
//! cases is bounded so that `cargo test` stays quick.

use std::sync::OnceLock;

use agora::domain::sortition::portfolio::{self, Algorithm, Choice, Portfolio};
use agora::domain::sortition::{Quota, Volunteer, generated};
use agora::export::{csv_line, write_pool, write_quotas};
use agora::import::{contacts, followup, invitation, sortition};
use proptest::prelude::*;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Bytes as people bring them: mostly text with separators, quotes, line breaks,
/// accents and Windows-1252 bytes, sometimes anything at all.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400),
        proptest::collection::vec(
            prop_oneof![
                Just(b';'),
                Just(b','),
                Just(b'"'),
                Just(b'\n'),
                Just(b'\r'),
                Just(b'\t'),
                Just(b'='),
                Just(0xE9u8),
                Just(0xC3u8),
                b'a'..=b'z',
                b'0'..=b'9',
            ],
            0..400
        ),
    ]
}

/// A cell as a person types it: letters with accents, punctuation that CSV must
/// quote, formula characters; trimmed and never empty.
fn cell() -> impl Strategy<Value = String> {
    "[A-Za-zÀ-ÿœ’«» ;,\"'=+@-]{0,12}[A-Za-zÀ-ÿ]"
        .prop_map(|s| s.trim().to_string())
        .prop_filter("a cell has text", |s| !s.is_empty())
}

/// Header and rows as an Excel-FR file.
fn excel(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&csv_line(header));
    for r in rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        out.push_str(&csv_line(&cells));
    }
    out.into_bytes()
}

/// A small published portfolio to mutate.
fn sound_portfolio() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        let pool = generated::pool(30, "propriétés");
        let quotas = generated::quotas(6, 0.2);
        let (p, _) = portfolio::prepare(&pool, &quotas, 6, Algorithm::Legacy, |_| true).unwrap();
        serde_json::to_string(&p).unwrap()
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn contacts_any_bytes(bytes in file_bytes()) {
        let f = contacts::read(&bytes, today());
        if !f.is_clean() {
            prop_assert!(!f.errors.is_empty() || f.good_rows == 0);
        }
        prop_assert!(f.errors.iter().all(|e| !e.trim().is_empty()));
    }

    #[test]
    fn contacts_round_trip(people in proptest::collection::vec((cell(), cell(), "[a-z]{1,8}", cell()), 1..20)) {
        let rows: Vec<Vec<String>> = people
            .iter()
            .map(|(last, first, user, notes)| {
                vec![last.clone(), first.clone(), format!("{user}@exemple.fr"), notes.clone()]
            })
            .collect();
        let f = contacts::read(&excel(&["Nom", "Prénom", "Courriel", "Notes"], &rows), today());
        prop_assert!(f.is_clean(), "{:?}", f.errors);
        prop_assert_eq!(f.good_rows, rows.len());
        for (row, expected) in f.rows().zip(&rows) {
            prop_assert_eq!(&row.contact.last_name, &expected[0]);
            prop_assert_eq!(&row.contact.first_name, &expected[1]);
            prop_assert_eq!(&row.contact.email, &expected[2]);
            prop_assert_eq!(&row.contact.notes, &expected[3]);
        }
    }

    #[test]
    fn followup_any_bytes(bytes in file_bytes()) {
        let f = followup::parse(&bytes);
        prop_assert!(f.errors.iter().all(|e| !e.trim().is_empty()));
    }

    #[test]
    fn followup_round_trip(lines in proptest::collection::vec((1u32..500, 0u8..=100, cell()), 1..20)) {
        let rows: Vec<Vec<String>> = lines
            .iter()
            .map(|(n, p, answer)| vec![n.to_string(), "Acceptée".into(), format!("{p} %"), answer.clone()])
            .collect();
        let f = followup::parse(&excel(&["Numéro", "Statut", "Avancement", "Réponse"], &rows));
        // A number given twice is a line error; otherwise every line reads back.
        let mut numbers: Vec<u32> = lines.iter().map(|l| l.0).collect();
        numbers.sort_unstable();
        numbers.dedup();
        if numbers.len() == lines.len() {
            prop_assert!(f.errors.is_empty(), "{:?}", f.errors);
            for (l, (n, p, answer)) in f.lines.iter().zip(&lines) {
                prop_assert_eq!((l.number, l.progress, &l.answer), (*n, *p, answer));
            }
        } else {
            prop_assert!(f.errors.iter().all(|e| e.starts_with("Ligne ")), "{:?}", f.errors);
        }
    }

    #[test]
    fn pool_and_quotas_any_bytes(bytes in file_bytes()) {
        for result in [sortition::read_pool(&bytes).map(|_| ()), sortition::read_quotas(&bytes).map(|_| ())] {
            if let Err(sortition::DrawFileError::Line { line, .. }) = result {
                prop_assert!(line >= 2, "the header is line 1");
            }
        }
    }

    #[test]
    fn pool_and_quotas_round_trip(
        values in proptest::collection::vec((cell(), cell()), 1..30),
        bounds in proptest::collection::vec((0u32..5, 0u32..5), 1..30),
    ) {
        let criteria = vec!["genre".to_string(), "âge".to_string()];
        let pool: Vec<Volunteer> = values
            .iter()
            .enumerate()
            .map(|(i, (a, b))| Volunteer {
                pseudonym: format!("V-{i}"),
                attributes: vec![("genre".into(), a.clone()), ("âge".into(), b.clone())],
            })
            .collect();
        prop_assert_eq!(sortition::read_pool(write_pool(&pool, &criteria).as_bytes()).unwrap(), pool);
        let quotas: Vec<Quota> = values
            .iter()
            .zip(&bounds)
            .map(|((v, _), (a, b))| Quota {
                criterion: "genre".into(),
                value: v.clone(),
                min: *a.min(b),
                max: *a.max(b),
            })
            .collect();
        prop_assert_eq!(sortition::read_quotas(write_quotas(&quotas).as_bytes()).unwrap(), quotas);
    }

    #[test]
    fn portfolio_any_bytes_and_any_one_byte_changed(bytes in file_bytes(), at in any::<proptest::sample::Index>(), byte in any::<u8>()) {
        let _ = serde_json::from_slice::<Portfolio>(&bytes);
        let mut json = sound_portfolio().as_bytes().to_vec();
        let i = at.index(json.len());
        json[i] = byte;
        if let Ok(p) = serde_json::from_slice::<Portfolio>(&json) {
            // A changed file reads, but a PV is written only if it still verifies.
            let _ = portfolio::unverified(&p, &Choice::Number(5));
            let _ = portfolio::verify(&p, &Choice::Seed("graine".into()), &[]);
        }
    }

    #[test]
    fn invitation_list_any_bytes_and_round_trip(bytes in file_bytes(), rows in proptest::collection::vec(proptest::collection::vec(cell(), 3), 1..20)) {
        let _ = invitation::read_list(&bytes);
        let (header, read) = invitation::read_list(&excel(&["Nom", "Adresse", "Secteur"], &rows)).unwrap();
        prop_assert_eq!(header, vec!["Nom", "Adresse", "Secteur"]);
        prop_assert_eq!(read, rows);
    }
}

#[test]
fn the_sound_portfolio_verifies() {
    let p: Portfolio = serde_json::from_str(sound_portfolio()).unwrap();
    assert!(portfolio::unverified(&p, &Choice::Number(5)).is_empty());
}
