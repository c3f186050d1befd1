//! Consultative bodies in the store: members seated with their terms and the
//! eligibility rules, terms ending soon, and a renewal by lot drawn as any panel is,
//! whose drawn members take their seats in one step.

use agora::domain::body::{Body, vacancies};
use agora::domain::codes::{
    CampaignKind, ContactKind, DispositifKind, PoolSource, RecipientStatus, SeatFilling, Sector,
};
use agora::domain::contact::Contact;
use agora::domain::dispositif::Dispositif;
use agora::domain::ids::{ContactId, ConventionId, DispositifId};
use agora::domain::sortition::Quota;
use agora::domain::sortition::portfolio::{self, Algorithm, Choice};
use agora::store::{self, DrawRequest, Store};
use chrono::NaiveDate;

use super::common::{demo, today};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn person(s: &mut Store, first: &str, kind: ContactKind) -> ContactId {
    let id = s.quick_contact(first, "Testeur", "", "", kind).unwrap();
    let c = Contact {
        sector: Some(Sector::S2),
        ..s.contact(id).unwrap()
    };
    s.update_contact(&c).unwrap();
    id
}

#[test]
fn seats_follow_the_rules_and_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    let mut s = Store::open(&db).unwrap();
    let mut d = Dispositif::new(DispositifKind::Body, day(2026, 1, 1));
    d.title = "Conseil des jeunes".into();
    let b = Body {
        seats: 2,
        ..Body::new(DispositifId::default())
    };
    let youth = s.add_body(&d, &b).unwrap();
    d.title = "Conseil citoyen indépendant — secteur 2".into();
    let council = s
        .add_body(
            &d,
            &Body {
                sector: Some(Sector::S3),
                ..b.clone()
            },
        )
        .unwrap();
    let lina = person(&mut s, "Lina", ContactKind::Inhabitant);
    let elected = person(&mut s, "Paul", ContactKind::Elected);

    assert!(
        s.add_member(youth, lina, day(2026, 2, 1), SeatFilling::DrawnVolunteers)
            .unwrap()
            .is_empty()
    );
    let warnings = s
        .add_member(council, lina, day(2026, 2, 1), SeatFilling::DrawnVolunteers)
        .unwrap();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("siège déjà dans « Conseil des jeunes »"));
    assert!(warnings[1].contains("« Secteur 2 », l’instance à « Secteur 3 »"));
    let refused = s.add_member(youth, elected, day(2026, 2, 1), SeatFilling::Appointed);
    assert!(refused.unwrap_err().to_string().contains("mandat électif"));
    assert!(
        s.add_member(youth, lina, day(2026, 6, 1), SeatFilling::DrawnVolunteers)
            .unwrap_err()
            .to_string()
            .contains("siège déjà dans « Conseil des jeunes » jusqu’au 31/01/2028")
    );
    // Renewed at the end of the term: a second term, then no third.
    s.add_member(youth, lina, day(2028, 2, 1), SeatFilling::DrawnVolunteers)
        .unwrap();
    let err = s
        .add_member(youth, lina, day(2030, 2, 1), SeatFilling::DrawnVolunteers)
        .unwrap_err();
    assert!(
        err.to_string().contains("nombre de mandats successifs"),
        "{err}"
    );
    drop(s);

    let mut s = Store::open(&db).unwrap();
    let members = s.body_members(youth).unwrap();
    assert_eq!(
        members.iter().map(|m| (m.term, m.end)).collect::<Vec<_>>(),
        [(2, day(2030, 1, 31)), (1, day(2028, 1, 31))]
    );
    assert!(!members[0].renewable(&s.body(youth).unwrap().1));
    let ending = s.terms_ending(day(2027, 11, 15), 3).unwrap();
    assert_eq!(
        ending.len(),
        2,
        "both of Lina's first terms end on 31/01/2028"
    );
    let first = members[1].id;
    s.member_left(first, day(2027, 6, 1)).unwrap();
    let (_, body) = s.body(youth).unwrap();
    assert_eq!(
        vacancies(&body, &s.body_members(youth).unwrap(), day(2027, 6, 2)),
        2
    );
}

#[test]
fn a_council_renewed_by_lot_from_a_call_for_candidates() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s) = demo(dir.path());
    let (council, _) = s
        .bodies()
        .unwrap()
        .into_iter()
        .find(|(d, _)| d.title == "Conseil citoyen indépendant — secteur 3")
        .expect("a demo council");
    let id = council.id;
    // The demo's terms end on 14 January 2027: the dashboard warns from mid-October.
    let dash = s.dashboard(today()).unwrap();
    assert!(
        dash.terms
            .iter()
            .any(|(b, _, n, first)| *b == id && *n == 14 && *first == day(2027, 1, 14)),
        "{:?}",
        dash.terms
    );

    let renewal_day = day(2027, 1, 15);
    let conv = s.start_renewal(id, renewal_day).unwrap();
    assert_eq!(s.convention(conv).unwrap().target_panel_size, 20);
    assert!(
        !s.conventions().unwrap().iter().any(|c| c.id == conv),
        "a renewal is not listed with the conventions"
    );
    assert!(s.draw_subjects().unwrap().iter().any(|c| c.id == conv));
    assert_eq!(
        s.start_renewal(id, renewal_day).unwrap(),
        conv,
        "reused until drawn"
    );

    draw_renewal(&mut s, conv);

    let done = s.appoint_drawn(id, conv, renewal_day).unwrap();
    // A member drawn again after a second term may not sit a third.
    assert_eq!(done.seated.len() + done.refused.len(), 20, "{done:?}");
    assert!(
        done.refused
            .iter()
            .all(|r| r.contains("mandats successifs")),
        "{done:?}"
    );
    let (_, body) = s.body(id).unwrap();
    let members = s.body_members(id).unwrap();
    assert_eq!(
        vacancies(&body, &members, renewal_day),
        20 - done.seated.len() as u32
    );
    assert!(
        members
            .iter()
            .filter(|m| m.start == renewal_day)
            .all(|m| m.end == day(2029, 1, 14))
    );
    assert!(
        members
            .iter()
            .filter(|m| m.start == renewal_day)
            .any(|m| m.term == 2),
        "an outgoing member drawn again starts a second term"
    );
    assert!(
        s.appoint_drawn(id, conv, renewal_day)
            .unwrap()
            .seated
            .is_empty(),
        "seated once"
    );
}

/// The call for candidates of a sector 3 renewal, every inhabitant of the sector
/// answering yes, their pool, and a LEGACY draw of 20 with parity quotas.
pub fn draw_renewal(s: &mut Store, conv: ConventionId) {
    // The call for candidates: every inhabitant of the sector answered yes.
    let campaign = s
        .create_campaign(
            "Appel à candidatures — conseil citoyen secteur 3",
            CampaignKind::Invitation,
            Some(conv),
            None,
            today(),
        )
        .unwrap();
    let candidates: Vec<ContactId> = s
        .contacts_page(
            &agora::store::ContactFilter {
                kind: Some(ContactKind::Inhabitant),
                sector: Some(Sector::S3),
                ..Default::default()
            },
            0,
            100,
        )
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    let (added, _) = s.add_recipients(campaign, &candidates).unwrap();
    let answered: Vec<ContactId> = s
        .recipients(campaign)
        .unwrap()
        .into_iter()
        .map(|r| r.contact)
        .collect();
    assert_eq!(answered.len(), added);
    s.set_recipients_status(campaign, &answered, RecipientStatus::Yes, today())
        .unwrap();
    let pool = s
        .pool_from_campaign(conv, campaign, PoolSource::OpenCall, "Appel à candidatures")
        .unwrap();
    let volunteers = s.pool_volunteers(pool).unwrap();
    // Parity as far as the call allows: 9 women, 14 men, 12 who did not say.
    let quota = |value: &str, min, max| Quota {
        criterion: "genre".into(),
        value: value.into(),
        min,
        max,
    };
    let quotas = [
        quota("Femme", 7, 10),
        quota("Homme", 7, 10),
        quota("Non renseigné", 0, 6),
    ];
    let (p, _) = portfolio::prepare(&volunteers, &quotas, 20, Algorithm::Legacy, |_| true).unwrap();
    let prepared = s.save_portfolio(conv, pool, None, &p, &[], 0.1).unwrap();
    s.draw_from_portfolio(
        conv,
        prepared,
        &DrawRequest {
            choice: Choice::Seed("conseil-secteur-3-2027".into()),
            number_how: String::new(),
            witnesses: "Deux membres sortants".into(),
            reserves: 3,
            drawn_on: day(2027, 1, 10),
        },
    )
    .unwrap();
}

#[test]
fn a_councils_yearly_report_from_the_command_line() {
    use super::common::{agora, ok, pdf_words, plain};
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    ok(agora(dir.path(), &["demo"]));
    let listing = ok(agora(
        dir.path(),
        &["dispositifs", "list", "--kind", "instance"],
    ));
    let line = listing
        .lines()
        .find(|l| l.contains("secteur 3"))
        .expect("the council listed");
    assert!(line.contains("14 membre(s) sur 20 sièges"), "{line}");
    let id = line.split_whitespace().next().unwrap();
    let pdf = out.path().join("rapport.pdf");
    ok(agora(
        dir.path(),
        &[
            "export",
            "instance",
            id,
            "2026",
            "--out",
            pdf.to_str().unwrap(),
        ],
    ));
    let words = plain(pdf_words(&pdf));
    for expected in [
        "Conseil citoyen indépendant — secteur 3 — rapport d’activité 2026",
        "Tirage au sort parmi des volontaires",
        "14 personne(s) ont siégé pendant l’année ; 0 ont pris leur siège, 0 sont parties avant la fin de leur mandat.",
        "Aucune réunion tenue dans l’année.",
        "Avis sur la rénovation des Maisons des habitants",
    ] {
        assert!(words.contains(expected), "{expected:?} in {words}");
    }
    assert!(
        !words.contains("Bruno Collomb"),
        "members are counted, not named"
    );
}

#[test]
fn an_access_request_lists_the_seats_held_and_the_veille_notes() {
    let dir = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let (_, mut s) = demo(dir.path());
    let (council, _) = s
        .bodies()
        .unwrap()
        .into_iter()
        .find(|(d, _)| d.title.ends_with("secteur 3"))
        .unwrap();
    let member = s.body_members(council.id).unwrap()[0].clone();
    let note = s.veille("", None).unwrap().remove(0);
    s.set_veille_link(
        note.id,
        agora::store::VeilleLink::Contact(member.contact),
        true,
    )
    .unwrap();
    // A contribution to the charter, and a file attached to their sheet.
    let charter = s.charters().unwrap()[0].id;
    s.save_contribution(
        charter,
        &agora::domain::charter::Contribution {
            contact: Some(member.contact),
            proposal: "Un conseil des enfants.".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    s.attach_bytes(
        agora::domain::attachment::Owner::Contact(member.contact),
        "candidature.pdf",
        b"%PDF candidature",
    )
    .unwrap();
    let out = exports.path().join("acces.json");
    agora::export::write(
        &mut s,
        &agora::export::Document::PersonData(member.contact),
        &out,
        today(),
    )
    .unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let seats = json["instances"].as_array().unwrap();
    assert!(
        seats.iter().any(
            |x| x["instance"] == "Conseil citoyen indépendant — secteur 3"
                && x["au"] == "2027-01-14"
        ),
        "{seats:?}"
    );
    assert_eq!(json["veille"][0], note.title.as_str());
    let given = &json["contributions"][0];
    assert_eq!(given["proposition"], "Un conseil des enfants.");
    assert_eq!(given["charte"], "Charte de la démocratie coopérative");
    assert_eq!(given["suite donnée"], "À examiner");
    assert_eq!(json["pièces jointes"][0], "candidature.pdf");
}
