//! The draw as the mission runs it, through a real SQLite file: an invitation sample
//! exported for the mail merge, a pool imported, quotas saved, a lottery prepared and
//! stored, a public draw with reserves, a withdrawal replaced within the quotas, the
//! procès-verbal and the published files checked with `agora draw verify`, then the
//! pool purged and the draw still verifiable.

use std::process::Command;

use agora::domain::codes::{PoolSource, SelectionRole};
use agora::domain::ids::ConventionId;
use agora::domain::sortition::portfolio::{self, Algorithm, Choice};
use agora::domain::sortition::reference::grenoble;
use agora::domain::sortition::{check_composition, generated, replacement};
use agora::store::{DrawRequest, Store, StoreError};
use chrono::NaiveDate;

use super::common::pdf_words;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// An empty convention in a fresh store.
fn store(dir: &tempfile::TempDir) -> (Store, ConventionId) {
    let mut s = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    let mut c = agora::domain::convention::Convention::draft("Convention test");
    c.target_panel_size = 12;
    let id = s.create_convention(&c).unwrap();
    (s, id)
}

fn reopen(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("agora.sqlite")).unwrap()
}

#[test]
fn a_public_draw_from_the_store_is_verified_by_the_journalist_even_after_the_purge() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, conv) = store(&dir);
    let pool_people = generated::pool(150, "workflow");
    let pool = s
        .import_pool(
            conv,
            PoolSource::RandomInvitation,
            "Réponses aux invitations",
            &pool_people,
        )
        .unwrap();
    let quotas = generated::quotas(12, 0.1);
    let table = s
        .save_quotas(conv, "Quotas", "INSEE 2023", Some(2023), &quotas, false)
        .unwrap();
    let (p, _) =
        portfolio::prepare(&pool_people, &quotas, 12, Algorithm::Maximin, |_| true).unwrap();
    let prepared = s
        .save_portfolio(conv, pool, Some(table), &p, &vec![0.0; p.people.len()], 1.5)
        .unwrap();
    // The quota table is now used: saving again keeps it and starts a new one.
    let again = s
        .save_quotas(conv, "Quotas", "INSEE 2023", Some(2023), &quotas, false)
        .unwrap();
    assert_ne!(again, table);
    let draw = s
        .draw_from_portfolio(
            conv,
            prepared,
            &DrawRequest {
                choice: Choice::Number(417),
                number_how: "trois dés à dix faces".into(),
                witnesses: "Anne Ribot (garante)".into(),
                reserves: 4,
                drawn_on: day(10, 1),
            },
        )
        .unwrap();
    drop(s);

    let mut s = reopen(&dir);
    let view = s.latest_draw(conv).unwrap().unwrap();
    assert_eq!(view.draw.id, draw);
    let lottery = view.lottery.clone().unwrap();
    assert_eq!((lottery.number, lottery.public_number), (417, true));
    assert_eq!(lottery.list_sha256, p.list_sha256);
    let members: Vec<String> = view.members().map(|v| v.pseudonym.clone()).collect();
    let mut expected = p.panels[417].clone();
    expected.sort();
    let mut sorted = members.clone();
    sorted.sort();
    assert_eq!(sorted, expected, "the panel is the one the number names");
    let reserves: Vec<String> = view.reserves().map(|v| v.pseudonym.clone()).collect();
    assert_eq!(reserves.len(), 4);
    assert!(reserves.iter().all(|r| !members.contains(r)));
    let sitting: Vec<_> = view.members().collect();
    assert!(check_composition(&quotas, &sitting).iter().all(|c| c.met()));

    // A member withdraws: the seat goes to someone who keeps every quota met.
    let inst = p.instance().unwrap();
    let panel_idx: Vec<usize> = members.iter().map(|m| inst.position(m).unwrap()).collect();
    let leaving = members
        .iter()
        .find(|m| {
            let i = inst.position(m).unwrap();
            replacement::candidates(&inst, &panel_idx, i).len() > 4
        })
        .expect("some seat can be taken by someone not yet drawn")
        .clone();
    let r = s.withdraw_member(draw, &leaving, day(10, 20)).unwrap();
    let taking = r.replacement.clone().expect("someone can take the seat");
    assert!(!members.contains(&taking));
    assert!(matches!(
        s.withdraw_member(draw, &leaving, day(10, 21)),
        Err(StoreError::Refused(_))
    ));
    drop(s);
    let mut s = reopen(&dir);
    let view = s.latest_draw(conv).unwrap().unwrap();
    let sitting: Vec<_> = view.members().collect();
    assert_eq!(sitting.len(), 12);
    assert!(sitting.iter().any(|v| v.pseudonym == taking));
    assert!(!sitting.iter().any(|v| v.pseudonym == leaving));
    assert!(check_composition(&quotas, &sitting).iter().all(|c| c.met()));
    let history = view
        .selected
        .iter()
        .find(|x| x.volunteer.pseudonym == leaving)
        .unwrap();
    assert_eq!(history.withdrawn_on, Some(day(10, 20)));
    assert_eq!(history.replaced_by.as_deref(), Some(taking.as_str()));
    assert_eq!(history.role, SelectionRole::Member);

    // The published files and the PV.
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    let files = exports.path();
    agora::export::write(
        &mut s,
        &agora::export::Document::Portfolio(conv),
        &files.join("portefeuille.json"),
        day(10, 21),
    )
    .unwrap();
    agora::export::write(
        &mut s,
        &agora::export::Document::Panel(conv),
        &files.join("panel.csv"),
        day(10, 21),
    )
    .unwrap();
    agora::export::write(
        &mut s,
        &agora::export::Document::DrawMinutes(conv),
        &files.join("pv.pdf"),
        day(10, 21),
    )
    .unwrap();
    let text = pdf_words(&files.join("pv.pdf"));
    for expected in [
        "1er octobre 2026",
        "numéro public 417",
        "trois dés à dix faces",
        "Anne Ribot",
        "Retraits et remplacements",
        leaving.as_str(),
        taking.as_str(),
        reserves[3].as_str(),
        "agora draw verify --portfolio portefeuille.json --number 417 --panel panel.csv",
    ] {
        assert!(text.contains(expected), "{expected:?} in the PV: {text}");
    }
    let log = s.export_log(5).unwrap();
    assert!(
        log.iter()
            .any(|e| e.document == "Procès-verbal de tirage au sort")
    );

    // The journalist, with the published files only.
    // The store stays open: the command reads files only, never the store.
    let verify = || {
        Command::new(env!("CARGO_BIN_EXE_agora"))
            .args([
                "draw",
                "verify",
                "--portfolio",
                "portefeuille.json",
                "--number",
                "417",
            ])
            .args(["--panel", "panel.csv"])
            .current_dir(files)
            .output()
            .unwrap()
    };
    let out = verify();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // The end of the convention: the volunteers never drawn go; the draw stays checkable.
    // Members, reserves, and the replacement when it came from the pool.
    let drawn = s.latest_draw(conv).unwrap().unwrap().selected.len();
    assert!(drawn == 16 || drawn == 17);
    let gone = s.purge_pool(pool, day(12, 1)).unwrap();
    assert_eq!(gone, 150 - drawn);
    let view = s.latest_draw(conv).unwrap().unwrap();
    assert_eq!(view.members().count(), 12);
    assert_eq!(view.pool.purged_on, Some(day(12, 1)));
    assert_eq!(s.pool_volunteers(pool).unwrap().len(), drawn);
    std::fs::remove_file(files.join("portefeuille.json")).unwrap();
    agora::export::write(
        &mut s,
        &agora::export::Document::Portfolio(conv),
        &files.join("portefeuille.json"),
        day(10, 21),
    )
    .unwrap();
    let out = verify();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_lottery_prepared_for_another_pool_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, conv) = store(&dir);
    let quotas = generated::quotas(12, 0.1);
    let people = generated::pool(60, "a");
    let (p, _) = portfolio::prepare(&people, &quotas, 12, Algorithm::Legacy, |_| true).unwrap();
    let other = generated::pool(60, "b")
        .into_iter()
        .map(|mut v| {
            v.pseudonym = format!("W-{}", v.pseudonym);
            v
        })
        .collect::<Vec<_>>();
    let pool = s
        .import_pool(conv, PoolSource::OpenCall, "", &other)
        .unwrap();
    let prepared = s.save_portfolio(conv, pool, None, &p, &[], 0.1).unwrap();
    let request = DrawRequest {
        choice: Choice::Seed("graine".into()),
        number_how: String::new(),
        witnesses: "X".into(),
        reserves: 2,
        drawn_on: day(10, 1),
    };
    let err = s.draw_from_portfolio(conv, prepared, &request).unwrap_err();
    assert!(err.to_string().contains("préparez de nouveau"), "{err}");
    assert!(
        s.latest_draw(conv).unwrap().is_none(),
        "nothing half-recorded"
    );
}

#[test]
fn a_pool_with_an_id_twice_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, conv) = store(&dir);
    let mut people = generated::pool(10, "x");
    people[7].pseudonym = people[2].pseudonym.clone();
    let err = s
        .import_pool(conv, PoolSource::OpenCall, "", &people)
        .unwrap_err();
    assert!(err.to_string().contains(&people[2].pseudonym));
    assert!(s.pools(conv).unwrap().is_empty());
}

#[test]
fn identity_columns_never_reach_the_pool() {
    let csv = "id;Nom;Prénom;Courriel;genre;âge\nV-1;Martin;Léa;lea@exemple.fr;Femme;30-44 ans\n";
    let people = agora::import::sortition::read_pool(csv.as_bytes()).unwrap();
    let (people, dropped) = agora::import::sortition::without_identities(people);
    assert_eq!(dropped, vec!["Nom", "Prénom", "Courriel"]);
    assert_eq!(
        people[0].attributes,
        vec![
            ("genre".to_string(), "Femme".to_string()),
            ("âge".to_string(), "30-44 ans".to_string())
        ]
    );
}

#[test]
fn an_invitation_sample_is_kept_and_exported_for_the_mail_merge() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (mut s, conv) = store(&dir);
    let mut list = String::from("Nom;Adresse;Secteur\n");
    for i in 0..200 {
        list.push_str(&format!("Foyer {i};{i} rue Très-Cloîtres;{}\n", 1 + i % 4));
    }
    let sample = agora::import::invitation::draw(
        "adresses.csv",
        list.as_bytes(),
        40,
        Some("Secteur"),
        "invitations 2026",
        day(9, 1),
    )
    .unwrap();
    let id = s.record_invitation_sample(conv, &sample).unwrap();
    drop(s);
    let mut s = reopen(&dir);
    let kept = s.invitation_samples(conv).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].rows, sample.rows);
    assert_eq!(kept[0].seed, "invitations 2026");
    let out = exports.path().join("publipostage.csv");
    let sample = agora::export::Document::InvitationSample {
        convention: conv,
        sample: id,
    };
    let written = agora::export::write(&mut s, &sample, &out, day(10, 21)).unwrap();
    assert_eq!(written.lines, Some(40));
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("\u{FEFF}Nom;Adresse;Secteur"));
    assert_eq!(written.lines().count(), 41);
    let log = s.export_log(1).unwrap();
    assert!(log[0].personal_data, "an address list is personal data");
}

#[test]
fn reference_tables_are_edited_and_the_shipped_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = store(&dir);
    let shipped = s.reference_tables().unwrap();
    assert_eq!(shipped.len(), grenoble().len());
    assert!(shipped.iter().all(|(id, _)| id.is_none()));
    let mut age = shipped[0].1.clone();
    age.shares[0].1 = 31.0;
    age.year = Some(2024);
    s.save_reference(None, &age).unwrap();
    let mut sectors = age.clone();
    sectors.criterion = "secteur".into();
    sectors.name = "Secteurs (IRIS)".into();
    sectors.shares = vec![("Secteur 1".into(), 16.0), ("Secteur 2".into(), 18.0)];
    s.save_reference(None, &sectors).unwrap();
    drop(s);
    let s = reopen(&dir);
    let tables = s.reference_tables().unwrap();
    assert_eq!(tables.len(), 3);
    assert_eq!(tables[0].1.shares[0].1, 31.0);
    assert_eq!(tables[0].1.year, Some(2024));
    assert_eq!(
        tables[1].1.criterion, "genre",
        "the untouched shipped table stays"
    );
    assert_eq!(tables[2].1.name, "Secteurs (IRIS)");
}

#[test]
fn one_person_per_household_holds_through_the_draw_and_a_replacement() {
    use agora::domain::sortition::instance::Instance;
    let dir = tempfile::tempdir().unwrap();
    let (mut s, conv) = store(&dir);
    let mut people = generated::pool(80, "foyers");
    for (i, v) in people.iter_mut().enumerate() {
        v.attributes.push(("foyer".into(), format!("F{}", i / 2)));
    }
    let pool = s
        .import_pool(conv, PoolSource::RandomInvitation, "", &people)
        .unwrap();
    let quotas = generated::quotas(12, 0.15);
    let table = s
        .save_quotas(conv, "Quotas", "", None, &quotas, true)
        .unwrap();
    drop(s);
    let mut s = reopen(&dir);
    assert!(s.current_quotas(conv).unwrap().unwrap().one_per_household);
    // The pool as the store gives it back keeps the household.
    let stored = s.pool_volunteers(pool).unwrap();
    let inst = Instance::one_per_household(&stored, &quotas, 12).unwrap();
    assert_eq!(inst.households.len(), 40);
    let (p, inst) = portfolio::prepare_instance(inst, Algorithm::Legacy, |_| true).unwrap();
    let prepared = s
        .save_portfolio(conv, pool, Some(table), &p, &[], 0.5)
        .unwrap();
    let draw = s
        .draw_from_portfolio(
            conv,
            prepared,
            &DrawRequest {
                choice: Choice::Seed("foyers".into()),
                number_how: String::new(),
                witnesses: "X".into(),
                reserves: 3,
                drawn_on: day(10, 1),
            },
        )
        .unwrap();
    let home = |id: &str| {
        stored
            .iter()
            .find(|v| v.pseudonym == id)
            .and_then(|v| v.value("foyer"))
            .unwrap()
            .to_string()
    };
    let members: Vec<String> = s
        .latest_draw(conv)
        .unwrap()
        .unwrap()
        .members()
        .map(|v| v.pseudonym.clone())
        .collect();
    let mut homes: Vec<String> = members.iter().map(|m| home(m)).collect();
    homes.sort();
    homes.dedup();
    assert_eq!(homes.len(), 12, "twelve members, twelve households");
    // Whoever replaces a member never shares a household with one who stays.
    let panel: Vec<usize> = members.iter().map(|m| inst.position(m).unwrap()).collect();
    let leaving = members
        .iter()
        .find(|m| !replacement::candidates(&inst, &panel, inst.position(m).unwrap()).is_empty())
        .unwrap()
        .clone();
    let r = s.withdraw_member(draw, &leaving, day(10, 9)).unwrap();
    let taking = r.replacement.unwrap();
    let staying: Vec<String> = members
        .iter()
        .filter(|m| **m != leaving)
        .map(|m| home(m))
        .collect();
    assert!(
        !staying.contains(&home(&taking)),
        "{taking} shares a household"
    );
}
