//! The demo's charter: the « Charte de la démocratie coopérative » in seven articles,
//! forty contributions in every state (from two workshops, a public meeting and in
//! writing) with their published answers, two versions, and two pactes de coopération.
//! Fictional, after Grenoble's charter of 2022.

use chrono::{NaiveDate, NaiveTime};

use super::{Store, StoreError};
use crate::domain::charter::{Article, Charter, Contribution, Pacte};
use crate::domain::codes::{ContributionStatus, MeetingFormat, MeetingKind};
use crate::domain::ids::{ArticleId, CharterId, ContactId, MeetingId};
use crate::domain::meeting::Meeting;

const ARTICLES: [(&str, &str); 7] = [
    (
        "Le pouvoir d’agir des habitant·es",
        "La Ville reconnaît à chaque habitant·e, quels que soient son âge, sa nationalité et sa situation, le droit de prendre part aux décisions qui concernent sa vie quotidienne.",
    ),
    (
        "La transparence",
        "Chaque démarche dit dès le départ ce qui est en jeu, ce qui est déjà décidé et ce qui reste ouvert, et publie ses documents de travail.",
    ),
    (
        "La réponse à chaque proposition",
        "La Ville répond publiquement, dans un délai annoncé, à chaque proposition issue d’une démarche participative, qu’elle la retienne ou non, et dit pourquoi.",
    ),
    (
        "L’égalité d’accès",
        "Les démarches vont chercher celles et ceux qu’on entend le moins : horaires, lieux, garde d’enfants, interprétariat et indemnisation sont prévus.",
    ),
    (
        "Le tirage au sort",
        "Les instances citoyennes sont composées pour partie par tirage au sort, afin de refléter la diversité de la population grenobloise.",
    ),
    (
        "Les communs et les pactes de coopération",
        "Des habitant·es qui prennent soin d’un bien commun peuvent signer avec la Ville un pacte de coopération qui fixe les engagements de chacun.",
    ),
    (
        "L’évaluation",
        "Chaque année, la Ville et les instances citoyennes évaluent ensemble l’application de la charte ; le bilan est public.",
    ),
];

const PROPOSALS: [&str; 10] = [
    "Préciser un délai de réponse de six mois au plus.",
    "Ajouter les enfants et les jeunes, avec des démarches adaptées.",
    "Publier les comptes rendus dans un langage clair.",
    "Indemniser aussi les participant·es des ateliers, pas seulement les conventions.",
    "Prévoir des réunions dans chaque secteur, pas seulement en centre-ville.",
    "Faire évaluer la charte par une instance indépendante.",
    "Ouvrir les pactes aux associations comme aux collectifs informels.",
    "Annoncer ce qui n’est pas négociable dès le début de chaque démarche.",
    "Tirer au sort aussi parmi les personnes non inscrites sur les listes électorales.",
    "Mettre en ligne une carte des pactes signés.",
];

/// The article each proposal bears on (its index in `ARTICLES`).
const TOPICS: [usize; 10] = [2, 0, 1, 3, 3, 6, 5, 1, 4, 5];

const ANSWERS: [(ContributionStatus, &str); 3] = [
    (
        ContributionStatus::Retained,
        "Le texte de l’article a été modifié dans ce sens.",
    ),
    (
        ContributionStatus::PartlyRetained,
        "L’idée est reprise ; la forme proposée dépasse les compétences de la Ville.",
    ),
    (
        ContributionStatus::Dismissed,
        "La loi ne permet pas à la Ville de s’y engager ; la question est transmise à la Métropole.",
    ),
];

impl Store {
    /// Loads the demo's charter (after the rest of the demo).
    pub(crate) fn load_demo_charter(&mut self) -> Result<CharterId, StoreError> {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        let id = self.save_charter(&Charter {
            title: "Charte de la démocratie coopérative".into(),
            preamble: "Co-écrite avec les habitant·es, les conseils citoyens et les associations en 2026, cette charte fixe les principes que la Ville s’engage à respecter dans toutes ses démarches participatives.".into(),
            ..Default::default()
        })?;
        let mut articles: Vec<ArticleId> = Vec::new();
        for (title, text) in ARTICLES {
            articles.push(self.save_article(
                id,
                &Article {
                    title: title.into(),
                    text: text.into(),
                    ..Default::default()
                },
            )?);
        }
        self.save_charter_version(id, "Texte soumis à la concertation", d(2026, 3, 1))?;
        let mut meetings: Vec<MeetingId> = Vec::new();
        for (kind, title, day, venue) in [
            (
                MeetingKind::Workshop,
                "Atelier d’écriture de la charte n° 1",
                7,
                "Maison des habitants Chorier-Berriat",
            ),
            (
                MeetingKind::Workshop,
                "Atelier d’écriture de la charte n° 2",
                14,
                "Maison des habitants du Patio",
            ),
            (
                MeetingKind::Public,
                "Réunion publique sur la charte",
                24,
                "Hôtel de Ville, salle du conseil",
            ),
        ] {
            meetings.push(self.create_meeting(&Meeting {
                id: MeetingId(0),
                convention: None,
                session: None,
                kind,
                title: title.into(),
                date: d(2026, 3, day),
                start: NaiveTime::from_hms_opt(18, 30, 0).unwrap_or_default(),
                end: NaiveTime::from_hms_opt(21, 0, 0).unwrap_or_default(),
                venue: venue.into(),
                format: MeetingFormat::InPerson,
                services: "Garde d’enfants".into(),
                facilitators: "Mission Démocratie locale".into(),
            })?);
        }
        for n in 0..40usize {
            // Every fourth one still waits; the others cycle through the answers.
            let (status, answer) = if n % 4 == 3 {
                (None, String::new())
            } else {
                let (s, a) = ANSWERS[n % 3];
                (Some(s), a.to_string())
            };
            let contact = (n % 5 == 0).then_some(ContactId(1 + n as i64));
            self.save_contribution(
                id,
                &Contribution {
                    article: (n % 8 != 7).then(|| articles[TOPICS[n % TOPICS.len()]]),
                    contact,
                    participant: if contact.is_none() && n % 2 == 0 {
                        format!("Participant·e n° {}", n + 1)
                    } else {
                        String::new()
                    },
                    meeting: meetings.get(n % 4).copied(),
                    // The workshop's day, or a day of March for a written one.
                    received_on: Some(d(2026, 3, [7, 14, 24, 1 + (n % 28) as u32][n % 4])),
                    proposal: PROPOSALS[n % PROPOSALS.len()].into(),
                    status,
                    answer,
                    ..Default::default()
                },
                d(2026, 4, 15),
            )?;
        }
        // What the retained contributions changed.
        let mut third = self.articles(id)?[2].clone();
        third.text = "La Ville répond publiquement, dans un délai de six mois au plus, à chaque proposition issue d’une démarche participative, qu’elle la retienne ou non, et dit pourquoi, dans un langage clair.".into();
        self.save_article(id, &third)?;
        let mut first = self.articles(id)?[0].clone();
        first
            .text
            .push_str(" Les enfants et les jeunes y prennent part par des démarches adaptées.");
        self.save_article(id, &first)?;
        self.save_charter_version(id, "Projet soumis au conseil municipal", d(2026, 5, 10))?;
        self.save_pacte(
            id,
            &Pacte {
                title: "Jardin partagé des Géants".into(),
                parties: "Ville de Grenoble\nCollectif des jardinier·es du Village olympique".into(),
                common: "Parcelle de la rue des Géants (1 200 m²)".into(),
                signed_on: Some(d(2026, 6, 20)),
                ends_on: Some(d(2029, 6, 19)),
                renewal_on: Some(d(2029, 3, 1)),
                commitments: "- Le collectif entretient la parcelle et l’ouvre aux habitant·es deux demi-journées par semaine.\n- La Ville fournit l’eau, un abri à outils et le compost.".into(),
                ..Default::default()
            },
        )?;
        self.save_pacte(
            id,
            &Pacte {
                title: "Salle commune de la Villeneuve".into(),
                parties: "Ville de Grenoble\nAssociation Parlons-en".into(),
                common: "Salle du 50 galerie de l’Arlequin".into(),
                signed_on: Some(d(2026, 9, 5)),
                ends_on: Some(d(2027, 9, 4)),
                renewal_on: Some(d(2027, 6, 1)),
                commitments: "- L’association ouvre la salle aux initiatives des habitant·es et tient un planning public.\n- La Ville assure les fluides et l’assurance du bâtiment.".into(),
                ..Default::default()
            },
        )?;
        Ok(id)
    }
}
