//! The demonstration dossier's dispositifs: four citizen interpellations at different
//! stages (one lapsed, one refused, one whose mediation report is agreed and must be
//! sent, one heading to a votation) and the year's review meeting linked to them all;
//! the six sector councils, their members and an opinion each.
//! Fictional, on the model of Grenoble's rules.

use chrono::{NaiveDate, NaiveTime};

use super::{StoreError, Tx};
use crate::domain::body::{Body, Opinion};
use crate::domain::codes::{
    DispositifKind, FilingChannel, MeetingFormat, MeetingKind, ParticipationKind, SeatFilling,
    Sector,
};
use crate::domain::dispositif::Dispositif;
use crate::domain::ids::{ContactId, DispositifId, MeetingId};
use crate::domain::interpellation::{Assessment, Interpellation, Rules, Vote, check_sample};
use crate::domain::meeting::Meeting;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a demo date")
}

fn yes(comment: &str) -> Assessment {
    Assessment {
        met: Some(true),
        comment: comment.into(),
    }
}

fn admissible() -> [Assessment; 4] {
    [yes(""), yes(""), yes(""), yes("")]
}

struct Filed {
    title: &'static str,
    directorate: &'static str,
    elected: &'static str,
    interpellation: Interpellation,
}

/// The four interpellations.
fn interpellations() -> Vec<Filed> {
    vec![
        Filed {
            title: "Un marché de producteurs le dimanche à l’Abbaye",
            directorate: "Direction du commerce et de l’artisanat",
            elected: "Adjoint au commerce",
            interpellation: Interpellation {
                filer: "Bernard Vial".into(),
                filer_address: "7 place de l’Abbaye\n38100 Grenoble".into(),
                question: "La Ville peut-elle ouvrir un marché de producteurs locaux le dimanche matin place de l’Abbaye ?".into(),
                received: Some(d(2026, 4, 14)),
                channel: Some(FilingChannel::Paper),
                criteria: admissible(),
                decided: Some(d(2026, 5, 6)),
                supports_paper: 23,
                supports_online: 11,
                ..Interpellation::default()
            },
        },
        Filed {
            title: "La gratuité des transports pour les moins de 25 ans",
            directorate: "Direction des mobilités",
            elected: "",
            interpellation: Interpellation {
                filer: "Collectif Jeunes en mouvement (Yanis Cherif)".into(),
                filer_address: "Maison des associations\n6 rue Berthe-de-Boissieux\n38000 Grenoble".into(),
                question: "La Ville peut-elle rendre les bus et tramways gratuits pour les moins de 25 ans ?".into(),
                received: Some(d(2026, 9, 8)),
                channel: Some(FilingChannel::Online),
                criteria: [
                    yes(""),
                    yes(""),
                    Assessment {
                        met: Some(false),
                        comment: "Les tarifs des transports en commun sont fixés par le syndicat mixte des mobilités de l’aire grenobloise (SMMAG), non par la Ville.".into(),
                    },
                    yes("La question concerne un grand nombre d’habitantes et d’habitants."),
                ],
                decided: Some(d(2026, 9, 29)),
                ..Interpellation::default()
            },
        },
        Filed {
            title: "De l’ombre et des bancs dans la cour de l’école Jean-Jaurès",
            directorate: "Direction de l’éducation ; Direction de l’espace public",
            elected: "Adjointe à l’éducation",
            interpellation: Interpellation {
                filer: "Amina Diallo".into(),
                filer_address: "24 avenue Jean-Jaurès\n38100 Grenoble".into(),
                question: "La Ville peut-elle planter des arbres et installer des bancs dans la cour de l’école Jean-Jaurès, ouverte aux habitants le week-end ?".into(),
                received: Some(d(2026, 6, 2)),
                channel: Some(FilingChannel::Online),
                criteria: admissible(),
                decided: Some(d(2026, 6, 30)),
                supports_paper: 48,
                supports_online: 139,
                first_meeting: Some(d(2026, 9, 1)),
                second_meeting: Some(d(2026, 10, 27)),
                report_agreed: Some(d(2026, 11, 20)),
                report: "# Ce que demandaient les habitantes et habitants\n\n\
                    Une cour plus fraîche l’été, où s’asseoir à l’ombre, et ouverte au quartier le samedi.\n\n\
                    # Ce que la Ville a étudié\n\n\
                    La direction de l’éducation et celle de l’espace public ont étudié la plantation d’arbres en pleine terre, la désimperméabilisation d’une partie de la cour et l’ouverture le samedi avec un gardien.\n\n\
                    # Ce qui a été convenu\n\n\
                    - six arbres plantés en pleine terre à l’automne 2027\n\
                    - quatre bancs installés avant l’été 2027\n\
                    - une ouverture à l’essai le samedi de 10 h à 18 h, de mai à septembre 2027\n\n\
                    Un point d’étape sera présenté au bilan annuel des interpellations.".into(),
                ..Interpellation::default()
            },
        },
        Filed {
            title: "Des cantines 100 % bio et locales",
            directorate: "Direction de l’éducation ; Restauration scolaire",
            elected: "Adjointe à l’alimentation",
            interpellation: Interpellation {
                filer: "Hélène Marchand".into(),
                filer_address: "3 rue Très-Cloîtres\n38000 Grenoble".into(),
                question: "La Ville s’engage-t-elle à servir dans toutes les cantines scolaires des repas 100 % bio, dont la moitié produite à moins de 100 km, d’ici 2030 ?".into(),
                received: Some(d(2026, 3, 10)),
                channel: Some(FilingChannel::Online),
                criteria: admissible(),
                decided: Some(d(2026, 3, 31)),
                supports_paper: 3_412,
                supports_online: 5_207,
                vote: Vote {
                    from: Some(d(2027, 1, 18)),
                    to: Some(d(2027, 1, 24)),
                    places: "27 bureaux de vote et la plateforme de participation en ligne".into(),
                    ..Vote::default()
                },
                ..Interpellation::default()
            },
        },
    ]
}

fn meeting(kind: MeetingKind, title: &str, date: NaiveDate, venue: &str) -> Meeting {
    let t = |h| NaiveTime::from_hms_opt(h, 0, 0).expect("a demo time");
    Meeting {
        id: MeetingId(0),
        convention: None,
        session: None,
        kind,
        title: title.into(),
        date,
        start: t(18),
        end: t(20),
        venue: venue.into(),
        format: MeetingFormat::InPerson,
        services: "Accès PMR".into(),
        facilitators: "Mission Démocratie locale".into(),
    }
}

fn link(tx: &Tx<'_>, id: DispositifId, m: MeetingId) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO dispositif_meetings (dispositif_id, meeting_id) VALUES (?1, ?2)",
        [id.0, m.0],
    )?;
    Ok(())
}

/// The six Conseils citoyens indépendants, one per sector, seated in January 2025 for
/// two years (their terms end within three months of the demo's December); a few
/// members sit for the second time and cannot be renewed. Each issued an opinion.
fn councils(tx: &Tx<'_>) -> Result<(), StoreError> {
    let sectors = [
        Sector::S1,
        Sector::S2,
        Sector::S3,
        Sector::S4,
        Sector::S5,
        Sector::S6,
    ];
    let opinions = [
        "Avis sur le plan de circulation du centre-ville",
        "Avis sur le réaménagement du parc Bachelard",
        "Avis sur la rénovation des Maisons des habitants",
        "Avis sur le projet de cour Oasis de l’école Clemenceau",
        "Avis sur la sécurité des traversées avenue Jean-Perrot",
        "Avis sur le programme de renouvellement urbain de Mistral",
    ];
    for (k, sector) in sectors.into_iter().enumerate() {
        let dispositif = Dispositif {
            title: format!(
                "Conseil citoyen indépendant — {}",
                sector.label().to_lowercase()
            ),
            directorate: "Mission Démocratie locale".into(),
            elected_official: "Adjointe à la démocratie locale".into(),
            level: ParticipationKind::Consultation,
            ..Dispositif::new(DispositifKind::Body, d(2017, 3, 1))
        };
        let body = Body {
            sector: Some(sector),
            seats: 20,
            ..Body::new(DispositifId::default())
        };
        let id = tx.insert_body(&dispositif, &body)?;
        let body = Body { id, ..body };
        let dispositif = Dispositif { id, ..dispositif };
        let people: Vec<i64> = tx
            .prepare(
                "SELECT id FROM contacts WHERE kind = 'inhabitant' AND is_organisation = 0 \
                 AND sector = ?1 ORDER BY id LIMIT 14",
            )?
            .query_map([sector.code()], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for (n, person) in people.into_iter().enumerate() {
            let contact = ContactId(person);
            if n < 3 {
                tx.seat(
                    &dispositif,
                    &body,
                    contact,
                    d(2023, 1, 15),
                    SeatFilling::DrawnVolunteers,
                )?;
            }
            tx.seat(
                &dispositif,
                &body,
                contact,
                d(2025, 1, 15),
                SeatFilling::DrawnVolunteers,
            )?;
        }
        tx.insert_opinion(
            id,
            &Opinion {
                id: 0,
                issued_on: d(2026, 3 + k as u32, 12),
                title: opinions[k].into(),
                addressed_to: "Maire de Grenoble".into(),
            },
            &dispositif.title,
        )?;
    }
    Ok(())
}

/// Adds the dispositifs to the demonstration dossier.
pub(super) fn build(tx: &Tx<'_>) -> Result<(), StoreError> {
    let rules = Rules::default();
    let mut ids = Vec::new();
    for f in interpellations() {
        let i = &f.interpellation;
        let dispositif = Dispositif {
            title: f.title.into(),
            directorate: f.directorate.into(),
            elected_official: f.elected.into(),
            level: ParticipationKind::Concertation,
            ..Dispositif::new(DispositifKind::Interpellation, i.received.expect("filed"))
        };
        let id = tx.insert_interpellation(&dispositif, i, &rules)?;
        ids.push(id);
        if i.supports() >= rules.mediation_supports {
            let seed = format!("interpellation-{}-verification", id.0);
            let sample = check_sample(i.supports(), rules.check_percent, &seed);
            tx.insert_support_checks(id, &seed, &sample, f.title, i.supports())?;
            // Checked valid but two, found living outside the city; on the big
            // campaign the last few are still to check.
            let checked = sample.len().saturating_sub(2 + sample.len() / 50);
            tx.execute(
                "UPDATE support_checks SET result = 'valid' WHERE dispositif_id = ?1 \
                 AND number IN (SELECT number FROM support_checks WHERE dispositif_id = ?1 \
                 ORDER BY number LIMIT ?2)",
                [id.0, checked as i64],
            )?;
            tx.execute(
                "UPDATE support_checks SET result = 'invalid', \
                    comment = 'Adresse hors de la commune, pas de taxe foncière à Grenoble' \
                 WHERE dispositif_id = ?1 AND number IN (SELECT number FROM support_checks \
                 WHERE dispositif_id = ?1 ORDER BY number LIMIT 2 OFFSET ?2)",
                [id.0, checked as i64],
            )?;
        }
        if let (Some(first), Some(second)) = (i.first_meeting, i.second_meeting) {
            for (n, date) in [(1, first), (2, second)] {
                let m = tx.insert_meeting(&meeting(
                    MeetingKind::Mediation,
                    &format!(
                        "Médiation « {} » — {} rencontre",
                        f.title,
                        if n == 1 { "première" } else { "seconde" }
                    ),
                    date,
                    "École Jean-Jaurès, salle polyvalente",
                ))?;
                link(tx, id, m)?;
            }
        }
    }
    let review = tx.insert_meeting(&meeting(
        MeetingKind::Public,
        "Bilan annuel des interpellations citoyennes 2026",
        d(2026, 12, 15),
        "Hôtel de Ville, salle des mariages",
    ))?;
    for id in ids {
        link(tx, id, review)?;
    }
    councils(tx)
}
