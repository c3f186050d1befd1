//! Support to the directorates in the store: a request through a real file, the
//! mission's time by month, the request made a convention once; counted in the list.

use agora::domain::codes::{DispositifKind, ParticipationKind};
use agora::domain::dispositif::Dispositif;
use agora::domain::ids::DispositifId;
use agora::domain::support::{Support, TimeSpent};
use agora::store::{self, DispositifFilter, Store};
use chrono::NaiveDate;

use super::common::today;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_request_is_answered_counted_and_becomes_a_convention() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    let mut s = Store::open(&db).unwrap();
    let mut d = Dispositif::new(DispositifKind::Support, day(2026, 10, 1));
    d.title = "Plan vélo des écoles".into();
    d.directorate = "Direction de l’éducation".into();
    let empty = Support::new(DispositifId::default());
    assert!(
        s.add_support(&d, &empty)
            .unwrap_err()
            .to_string()
            .contains("Demande")
    );
    let support = Support {
        question: "Associer les parents au plan vélo des écoles.".into(),
        level_asked: ParticipationKind::Concertation,
        advice: "Des ateliers par groupe scolaire.".into(),
        ..empty
    };
    let id = s.add_support(&d, &support).unwrap();
    for (m, minutes) in [(10, 240), (11, 300), (10, 180), (11, 0)] {
        s.set_support_time(
            id,
            TimeSpent {
                month: day(2026, m, 1),
                minutes,
            },
        )
        .unwrap();
    }
    let conv = s.support_to_convention(id).unwrap();
    assert_eq!(s.support_to_convention(id).unwrap(), conv, "made once");
    drop(s);

    let s = Store::open(&db).unwrap();
    assert_eq!(
        s.support_time(id).unwrap(),
        [TimeSpent {
            month: day(2026, 10, 1),
            minutes: 180
        }],
        "a month set again replaces its time; 0 removes it"
    );
    let (_, back) = s.support(id).unwrap();
    assert_eq!(back.became, Some(conv));
    let c = s.convention(conv).unwrap();
    assert_eq!(
        (c.title.as_str(), c.mandate_from.as_str(), c.participation),
        (
            "Plan vélo des écoles",
            "Direction de l’éducation",
            ParticipationKind::Concertation
        )
    );
    assert!(s.conventions().unwrap().iter().any(|r| r.id == conv));
    let line = &s
        .dispositifs(
            &DispositifFilter {
                kind: Some(DispositifKind::Support),
                ..Default::default()
            },
            today(),
        )
        .unwrap()[0];
    assert_eq!(line.summary, "3 h de la mission · devenu une convention");
}
