//! The demonstration dossier's veille: 25 notes on participatory practices, fictional
//! but plausible, in Grenoble, elsewhere in France and abroad.

use chrono::NaiveDate;

use super::{StoreError, Tx};
use crate::domain::codes::Place;
use crate::domain::contact::parse_tags;
use crate::domain::veille::Note;

/// Title, publication, place, tags, text.
const NOTES: [(&str, &str, Place, &str, &str); 25] = [
    (
        "Une convention citoyenne sur la fin de vie, bilan deux ans après",
        "Revue Participations",
        Place::France,
        "convention, évaluation",
        "Les recommandations ont nourri le débat parlementaire ; les membres regrettent un suivi trop discret.\n\n- un comité de suivi citoyen\n- une lettre d’information aux membres",
    ),
    (
        "Le budget participatif de Paris change ses règles de vote",
        "La Gazette des communes",
        Place::France,
        "budget participatif, vote",
        "Vote en ligne et dans les mairies d’arrondissement ; un quota de projets pour les quartiers populaires.",
    ),
    (
        "Ostbelgien : un conseil citoyen permanent tiré au sort",
        "Democracy R&D",
        Place::Abroad,
        "tirage au sort, instance",
        "# Le modèle\n\nUn conseil permanent de 24 membres tirés au sort choisit les sujets des assemblées citoyennes.\n\n# À retenir\n\nLe parlement doit répondre à chaque recommandation.",
    ),
    (
        "Madrid : Decide Madrid, dix ans de plateforme",
        "Participedia",
        Place::Abroad,
        "numérique, pétition",
        "Une plateforme libre (Consul) réutilisée par plus de cent villes ; le seuil de signatures jugé trop haut.",
    ),
    (
        "Les cours Oasis parisiennes co-construites avec les enfants",
        "Le Monde",
        Place::France,
        "école, co-construction",
        "Des ateliers dans les classes ; les enfants dessinent les usages avant les architectes.",
    ),
    (
        "Interpellation citoyenne : le retour d’expérience de Grenoble",
        "Mission Démocratie locale",
        Place::Grenoble,
        "interpellation, évaluation",
        "Trois interpellations ont atteint la médiation ; la votation reste exceptionnelle.",
    ),
    (
        "Tirage au sort et listes électorales : ce que dit la CNIL",
        "CNIL",
        Place::France,
        "tirage au sort, données personnelles",
        "Un tirage sur les listes électorales est possible pour une mission de service public ; information des personnes et durée de conservation à fixer.",
    ),
    (
        "Assemblée citoyenne de Gdańsk : la décision s’impose au maire",
        "Revue Participations",
        Place::Abroad,
        "convention, engagement",
        "Le maire s’engage à appliquer toute recommandation votée à 80 %.",
    ),
    (
        "Conseils citoyens : renouveler sans s’épuiser",
        "Fédération des centres sociaux",
        Place::France,
        "instance, renouvellement",
        "Un appel à candidatures permanent et un tirage au sort complémentaire.",
    ),
    (
        "Le budget participatif des collèges de l’Isère",
        "Département de l’Isère",
        Place::France,
        "budget participatif, jeunesse",
        "Les élèves votent pour des projets d’établissement ; l’enveloppe est répartie par collège.",
    ),
    (
        "Indemniser les membres d’une convention citoyenne",
        "Institut de la concertation",
        Place::France,
        "convention, indemnisation",
        "Indemnités, garde d’enfants et transports : les trois leviers qui font venir ceux qu’on n’entend pas.",
    ),
    (
        "Porto Alegre, trente-cinq ans de budget participatif",
        "Participedia",
        Place::Abroad,
        "budget participatif, histoire",
        "Le modèle fondateur ; son affaiblissement après 2004 montre la fragilité d’un dispositif sans base légale.",
    ),
    (
        "La charte de la démocratie coopérative de Grenoble",
        "Ville de Grenoble",
        Place::Grenoble,
        "charte, coopération",
        "Sept principes et des pactes de coopération ; la charte s’évalue chaque année.",
    ),
    (
        "Mesurer la diversité des participants",
        "Décider ensemble",
        Place::France,
        "évaluation, diversité",
        "Comparer à la population de référence par âge, sexe, diplôme et quartier ; publier les écarts.",
    ),
    (
        "Les jurys citoyens de l’Oregon évaluent les référendums",
        "Healthy Democracy",
        Place::Abroad,
        "tirage au sort, vote",
        "Un panel tiré au sort rédige un avis joint au matériel électoral.",
    ),
    (
        "Concertation sur les berges : ce qu’en disent les riverains",
        "Le Dauphiné libéré",
        Place::Grenoble,
        "concertation, aménagement",
        "Les riverains demandent à être associés dès le diagnostic, pas seulement au choix entre scénarios.",
    ),
    (
        "Un observatoire de la participation à Lyon",
        "Métropole de Lyon",
        Place::France,
        "évaluation, observatoire",
        "Des indicateurs publics par dispositif ; un rapport annuel débattu en conseil.",
    ),
    (
        "Les conseils de jeunes : quelle autonomie ?",
        "INJEP",
        Place::France,
        "jeunesse, instance",
        "Un budget propre et la liberté de l’ordre du jour font la différence.",
    ),
    (
        "Conférence de consensus sur l’eau à Barcelone",
        "Revue Participations",
        Place::Abroad,
        "eau, convention",
        "Un panel de 100 habitants a recommandé la remunicipalisation partielle.",
    ),
    (
        "Faciliter la parole des personnes allophones",
        "Institut de la concertation",
        Place::France,
        "inclusion, animation",
        "Interprétariat, supports illustrés, petits groupes par langue.",
    ),
    (
        "Maisons des habitants : lieux de la participation de proximité",
        "Ville de Grenoble",
        Place::Grenoble,
        "proximité, quartier",
        "Permanences, ateliers et relais vers les dispositifs de la Ville.",
    ),
    (
        "Droit d’interpellation : comparaison de cinq villes",
        "Décider ensemble",
        Place::France,
        "interpellation, comparaison",
        "Seuils de 50 à 1 000 signatures ; délais de réponse de un à trois mois.",
    ),
    (
        "Le numérique ne remplace pas la réunion publique",
        "La Gazette des communes",
        Place::France,
        "numérique, inclusion",
        "Les consultations en ligne surreprésentent les diplômés ; toujours doubler par des permanences.",
    ),
    (
        "Le référendum d’initiative citoyenne local en Suisse",
        "Swissinfo",
        Place::Abroad,
        "vote, initiative",
        "Les seuils bas rendent l’outil courant ; la participation varie selon le sujet.",
    ),
    (
        "Rendre compte : la lettre de réponse aux propositions",
        "Mission Démocratie locale",
        Place::Grenoble,
        "suivi, redevabilité",
        "Chaque proposition reçoit une réponse motivée et datée ; le tableau de suivi est publié.",
    ),
];

/// Adds the veille notes to the demonstration dossier.
pub(super) fn build(tx: &Tx<'_>) -> Result<(), StoreError> {
    for (k, (title, publication, place, tags, body)) in NOTES.iter().enumerate() {
        let day = NaiveDate::from_ymd_opt(2026, 1 + (k as u32 % 11), 3 + (k as u32 * 7) % 25)
            .expect("a demo date");
        tx.save_veille_note(&Note {
            id: 0,
            title: (*title).into(),
            body: (*body).into(),
            source_url: format!(
                "https://exemple.org/veille/{}",
                crate::domain::text::slug(title)
            ),
            publication: (*publication).into(),
            read_on: Some(day),
            place: *place,
            tags: parse_tags(tags),
        })?;
    }
    // « Qui a fait ça ? »: the Grenoble notes on interpellation and on the houses of
    // the inhabitants point to the dispositifs they bear on.
    tx.execute(
        "INSERT INTO veille_links (note_id, dispositif_id) \
         SELECT n.id, d.id FROM veille_notes n, dispositifs d \
         WHERE n.title LIKE 'Interpellation citoyenne :%' AND d.kind = 'interpellation'",
        [],
    )?;
    Ok(())
}
