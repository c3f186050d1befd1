//! Calls for projects in the store: a real SQLite file, written, reopened, reminded,
//! refused when wrong, and journaled.

use agora::domain::codes::CallStatus;
use agora::domain::funding::Call;
use agora::store::{self, Store};
use chrono::NaiveDate;

use super::common::today;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_call_survives_a_restart_reminds_its_dates_and_is_journaled() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    let mut s = Store::open(&db).unwrap();
    let conv = s
        .create_convention(&agora::domain::convention::Convention::draft(
            "Budget participatif",
        ))
        .unwrap();
    let mut call = Call {
        funder: "Fondation de France".into(),
        title: "Initiatives citoyennes".into(),
        deadline: Some(day(2026, 12, 6)),
        asked_cents: Some(2_500_000),
        status: CallStatus::Drafting,
        convention: Some(conv),
        notes: "Lettre de soutien à joindre".into(),
        ..Call::default()
    };
    call.id = s.add_call(&call).unwrap();
    let later = s
        .add_call(&Call {
            funder: "Région".into(),
            title: "Engagement citoyen".into(),
            deadline: Some(day(2027, 3, 1)),
            ..Call::default()
        })
        .unwrap();
    drop(s);

    let mut s = Store::open(&db).unwrap();
    assert_eq!(
        s.calls().unwrap(),
        vec![call.clone(), s.call(later).unwrap()]
    );
    let reminders = s.call_reminders(today()).unwrap();
    assert_eq!(reminders.len(), 1, "the March call is too far off");
    assert_eq!(reminders[0].0.sentence(), "Dépôt dans 7 jours");
    assert_eq!(s.dashboard(today()).unwrap().calls, reminders);

    // Granted: the amount is kept, the reminder becomes the report.
    call.status = CallStatus::Granted;
    call.granted_cents = Some(2_000_000);
    call.report_due = Some(day(2026, 12, 1));
    s.update_call(&call).unwrap();
    assert_eq!(
        s.call_reminders(today()).unwrap()[0].0.sentence(),
        "Bilan dans 2 jours"
    );

    // Wrong input is refused whole, with a French sentence.
    let refused = s.update_call(&Call {
        status: CallStatus::Refused,
        ..call.clone()
    });
    assert!(
        refused
            .unwrap_err()
            .to_string()
            .contains("suppose un appel « Retenu »")
    );
    assert_eq!(s.call(call.id).unwrap(), call);

    s.remove_call(later).unwrap();
    assert!(s.call(later).is_err());
    let summaries: Vec<String> = s
        .journal(20, 0)
        .unwrap()
        .into_iter()
        .filter(|e| e.entity == "funding_call")
        .map(|e| e.summary)
        .collect();
    assert!(
        summaries
            .iter()
            .any(|x| x == "Appel à projets « Engagement citoyen » retiré")
    );
    assert!(
        summaries
            .iter()
            .any(|x| x == "Appel à projets « Initiatives citoyennes » : Retenu")
    );
}

#[test]
fn the_demo_follows_three_calls() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join(store::DB_FILE)).unwrap();
    s.load_demo().unwrap();
    let calls = s.calls().unwrap();
    let states: Vec<CallStatus> = calls.iter().map(|c| c.status).collect();
    assert_eq!(
        states,
        [
            CallStatus::Drafting,
            CallStatus::Submitted,
            CallStatus::Granted
        ],
        "the calls being written first"
    );
}
