//! The demonstration dossier's dispositifs: four citizen interpellations at different
//! stages (one lapsed, one refused, one whose mediation report is agreed and must be
//! sent, one heading to a votation) and the year's review meeting linked to them all;
//! the six sector councils, their members and an opinion each; the 2026
//! participatory budget and its 30 projects; four requests from directorates.
//! Fictional, on the model of Grenoble's rules.

use chrono::{NaiveDate, NaiveTime};

use super::{StoreError, Tx};
use crate::domain::body::{Body, Opinion};
use crate::domain::budget::{Edition, Project, fill_envelope};
use crate::domain::codes::{
    DispositifKind, FilingChannel, MeetingFormat, MeetingKind, ParticipationKind, ProjectStage,
    SeatFilling, Sector,
};
use crate::domain::dispositif::Dispositif;
use crate::domain::ids::{ContactId, DispositifId, MeetingId};
use crate::domain::interpellation::{Assessment, Interpellation, Rules, Vote, check_sample};
use crate::domain::meeting::Meeting;
use crate::domain::support::{Support, TimeSpent};

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

/// The 2026 participatory budget: 30 projects through every stage — ideas still
/// submitted or being studied, set aside, not feasible, and 20 on the ballot whose
/// votes filled the envelope; the winners being delivered or delivered.
fn participatory_budget(tx: &Tx<'_>) -> Result<(), StoreError> {
    let dispositif = Dispositif {
        title: "Budget participatif 2026".into(),
        directorate: "Mission Démocratie locale ; Direction des finances".into(),
        elected_official: "Adjointe à la démocratie locale".into(),
        level: ParticipationKind::CoConstruction,
        ..Dispositif::new(DispositifKind::Budget, d(2026, 1, 15))
    };
    let edition = Edition::new(DispositifId::default(), 2026);
    let id = tx.insert_edition(&dispositif, &edition)?;
    let edition = Edition { id, ..edition };
    let ideas: [(&str, Sector, i64); 30] = [
        ("Des fontaines à eau dans les parcs", Sector::S1, 95_000),
        (
            "Un terrain de basket au parc Paul-Mistral",
            Sector::S5,
            180_000,
        ),
        ("Des jardins partagés à la Villeneuve", Sector::S6, 120_000),
        ("Végétaliser la place Saint-Bruno", Sector::S1, 260_000),
        (
            "Des abris à vélos sécurisés près des écoles",
            Sector::S2,
            140_000,
        ),
        (
            "Un parcours sportif le long de l’Isère",
            Sector::S2,
            210_000,
        ),
        (
            "Des toilettes publiques au jardin de ville",
            Sector::S1,
            160_000,
        ),
        (
            "Une boîte à livres dans chaque quartier",
            Sector::S3,
            30_000,
        ),
        ("Éclairer le chemin du parc de l’Ovalie", Sector::S4, 85_000),
        ("Des bancs et de l’ombre rue d’Alembert", Sector::S3, 60_000),
        (
            "Une aire de jeux inclusive à Teisseire",
            Sector::S6,
            230_000,
        ),
        (
            "Des composteurs collectifs en pied d’immeuble",
            Sector::S4,
            45_000,
        ),
        ("Un mur d’escalade au gymnase Prémol", Sector::S6, 150_000),
        ("Des ruches au jardin des Plantes", Sector::S2, 20_000),
        ("Refaire le skatepark de la Bastille", Sector::S1, 300_000),
        ("Une piste cyclable rue Stalingrad", Sector::S3, 390_000),
        ("Des arbres fruitiers dans les squares", Sector::S5, 70_000),
        (
            "Un kiosque à musique au parc Bachelard",
            Sector::S4,
            200_000,
        ),
        (
            "Des tables de pique-nique aux Eaux-Claires",
            Sector::S5,
            40_000,
        ),
        (
            "Un préau pour la cour de l’école Bizanet",
            Sector::S2,
            170_000,
        ),
        ("Des brumisateurs place Grenette", Sector::S1, 110_000),
        ("Une ressourcerie de quartier", Sector::S6, 250_000),
        ("Des nichoirs à martinets", Sector::S3, 15_000),
        (
            "Une fresque sur le mur du tunnel Chavant",
            Sector::S3,
            35_000,
        ),
        ("Un tram gratuit le dimanche", Sector::S5, 900_000),
        ("Une patinoire en plein air l’hiver", Sector::S2, 450_000),
        ("Des cours de cuisine au marché", Sector::S4, 25_000),
        (
            "Des toilettes sèches au parc de l’Île-d’Amour",
            Sector::S2,
            90_000,
        ),
        ("Des agrès pour les aînés à Mistral", Sector::S5, 55_000),
        ("Un circuit de fontaines historiques", Sector::S1, 80_000),
    ];
    let votes = [
        1_840, 2_310, 1_120, 2_050, 1_760, 980, 640, 1_450, 720, 860, 2_480, 530, 1_010, 410,
        1_690, 1_930, 870, 390, 600, 1_210,
    ];
    let mut projects = Vec::new();
    for (k, (title, sector, euros)) in ideas.iter().enumerate() {
        let (stage, opinion) = match k {
            0..=19 => (ProjectStage::OnBallot, true),
            20 => (ProjectStage::Submitted, false),
            21 => (ProjectStage::Preselected, false),
            22 => (ProjectStage::Studied, true),
            23 => (ProjectStage::Rejected, false),
            24 | 25 => (ProjectStage::Unfeasible, true),
            26 => (ProjectStage::Rejected, false),
            _ => (ProjectStage::Unfeasible, true),
        };
        let p = Project {
            id: 0,
            edition: id,
            number: k as u32 + 1,
            title: (*title).into(),
            sector: Some(*sector),
            proposer: if k % 3 == 0 {
                "Association d’habitants".into()
            } else {
                format!("Habitant·e du {}", sector.label().to_lowercase())
            },
            stage,
            directorate: if opinion {
                "Direction de l’espace public".into()
            } else {
                String::new()
            },
            opinion_on: opinion.then(|| d(2026, 4, 10 + (k as u32 % 15))),
            opinion: match stage {
                ProjectStage::Unfeasible if *euros > 400_000 => {
                    "Coût au-delà du plafond d’un projet.".into()
                }
                ProjectStage::Unfeasible => {
                    "Dépense de fonctionnement, hors du budget d’investissement.".into()
                }
                _ if opinion => "Faisable ; chiffrage de la direction.".into(),
                _ => String::new(),
            },
            estimated_cents: opinion.then_some(euros * 100),
            votes: votes.get(k).copied(),
            progress: 0,
            spent_cents: 0,
            delivered_on: None,
        };
        p.validate(&edition)?;
        projects.push(p);
    }
    // The vote, then the winners' delivery: the two first delivered, the next two
    // under way, the last one to start.
    let ranked = fill_envelope(&edition, &projects);
    let mut order = 0;
    for r in &ranked {
        let p = projects
            .iter_mut()
            .find(|p| p.number == r.number)
            .expect("a ranked project");
        if !r.winner {
            p.stage = ProjectStage::NotChosen;
            continue;
        }
        order += 1;
        let cost = p.estimated_cents.unwrap_or(0);
        match order {
            1 | 2 => {
                p.stage = ProjectStage::Delivered;
                p.progress = 100;
                p.spent_cents = cost * 97 / 100;
                p.delivered_on = Some(d(2026, 10, 5 + order));
            }
            3 | 4 => {
                p.stage = ProjectStage::Delivering;
                p.progress = 30 * (order as u8 - 2);
                p.spent_cents = cost * i64::from(p.progress) / 100;
            }
            _ => p.stage = ProjectStage::Winner,
        }
    }
    for p in &projects {
        tx.save_project(p, &dispositif.title)?;
    }
    Ok(())
}

/// Four requests from directorates: culture (closed), education (under way, several
/// months of work), sports (just received), a territorial directorate's (advised to
/// hold a small convention).
fn supports(tx: &Tx<'_>) -> Result<(), StoreError> {
    // Project, directorate, question, level, received, ended, advice, steps, outcome,
    // and the minutes spent by month (yyyymm).
    type Request = (
        &'static str,
        &'static str,
        &'static str,
        ParticipationKind,
        NaiveDate,
        Option<NaiveDate>,
        &'static str,
        &'static str,
        &'static str,
        &'static [(u32, u32)],
    );
    let requests: [Request; 4] = [
        (
            "Programmation de l’été culturel 2026",
            "Direction de l’action culturelle",
            "Associer les habitants au choix des spectacles de l’été dans les parcs.",
            ParticipationKind::Consultation,
            d(2026, 1, 12),
            Some(d(2026, 6, 30)),
            "Un questionnaire court en ligne et sur papier dans les bibliothèques, restitué publiquement ; la Ville dit ce qu’elle retient.",
            "Questionnaire en février\nRestitution en avril",
            "1 800 réponses ; trois spectacles choisis par les habitants.",
            &[
                (2026 * 100 + 1, 360),
                (2026 * 100 + 2, 480),
                (2026 * 100 + 4, 240),
            ],
        ),
        (
            "Cours d’école Oasis : école Clemenceau",
            "Direction de l’éducation",
            "Concevoir la nouvelle cour avec les enfants, les parents et les enseignants.",
            ParticipationKind::CoConstruction,
            d(2026, 5, 4),
            None,
            "Trois ateliers avec les enfants, une réunion avec les parents ; le projet final présenté au conseil d’école.",
            "Ateliers enfants en septembre\nRéunion parents en octobre\nPrésentation en décembre",
            "",
            &[
                (2026 * 100 + 5, 240),
                (2026 * 100 + 9, 720),
                (2026 * 100 + 10, 600),
                (2026 * 100 + 11, 420),
            ],
        ),
        (
            "Rénovation du gymnase Prémol",
            "Direction des sports",
            "Consulter les clubs et les habitants du quartier sur les usages du gymnase rénové.",
            ParticipationKind::Consultation,
            d(2026, 11, 18),
            None,
            "",
            "",
            "",
            &[(2026 * 100 + 11, 90)],
        ),
        (
            "Aménagement des berges de l’Isère",
            "Direction de territoire secteur 2",
            "Une démarche pour décider avec les habitants de l’aménagement des berges.",
            ParticipationKind::Concertation,
            d(2026, 9, 22),
            None,
            "La question est assez large et partagée pour une petite convention citoyenne tirée au sort dans les quartiers riverains.",
            "Note au cabinet en octobre\nDécision de lancer en novembre",
            "",
            &[(2026 * 100 + 9, 180), (2026 * 100 + 10, 300)],
        ),
    ];
    for (title, directorate, question, level, start, end, advice, steps, outcome, months) in
        requests
    {
        let dispositif = Dispositif {
            title: title.into(),
            directorate: directorate.into(),
            level,
            end,
            ..Dispositif::new(DispositifKind::Support, start)
        };
        let support = Support {
            question: question.into(),
            level_asked: level,
            advice: advice.into(),
            steps: steps.into(),
            outcome: outcome.into(),
            ..Support::new(DispositifId::default())
        };
        let id = tx.insert_support(&dispositif, &support)?;
        for (ym, minutes) in months {
            tx.set_support_time(
                id,
                TimeSpent {
                    month: d((ym / 100) as i32, ym % 100, 1),
                    minutes: *minutes,
                },
                title,
            )?;
        }
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
    councils(tx)?;
    participatory_budget(tx)?;
    supports(tx)
}
