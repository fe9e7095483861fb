"""``kit schema``: the JSON Schema of ``client.yml``, for the editor.

VS Code's YAML extension reads the first line of a client file
(``# yaml-language-server: $schema=...``) and then completes the French keys,
shows what each one means and underlines mistakes as the consultant types.
The schema comes from the pydantic model :class:`macros.model.Client` (so it
never drifts from what the build accepts), with French descriptions and the
identifiers known to the kit (offers, publics, techniques) as suggestions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from macros.model import Client
from macros.settings import PROJECT_DIR, Settings

__all__ = ["SCHEMA_PATH", "client_schema", "write_schema"]

SCHEMA_PATH = PROJECT_DIR / "schemas" / "client.schema.json"

_INTERNE = " Interne : n’apparaît jamais sur le site public."

#: French help shown by the editor: ``Model`` for an object, ``Model.key`` for a key.
DESCRIPTIONS: dict[str, str] = {
    "Client.collectivite": "La collectivité cliente : nom, type, population, territoire.",
    "Client.projet": "Le projet sur lequel la collectivité associe les habitants, et la décision attendue.",
    "Client.offre": "L’offre achetée (identifiant d’un fichier de kits/offres/) : elle fixe les étapes, les livrables et les pages du kit.",
    "Client.mission": "La mission du cabinet : consultant, date de début, version du kit." + _INTERNE,
    "Client.calendrier": "Les dates de chaque étape de l’offre et leur état d’avancement.",
    "Client.publics_propres": "Les publics propres au client, que la bibliothèque n’a pas : mêmes champs que kits/bibliotheque/publics.yml.",
    "Client.publics": "Les publics visés, choisis dans la bibliothèque (kits/bibliotheque/publics.yml) ou parmi les publics propres au client.",
    "Client.parties_prenantes": "La cartographie des parties prenantes : qui pèse sur la décision, qui relaie vers quels publics.",
    "Client.scenarios": "Les scénarios de participation à départager, chacun combinant des techniques de la bibliothèque (offres concertation et stratégie).",
    "Client.scenario_retenu": (
        "Le scénario que la collectivité a retenu (son identifiant) : le contrat de participation, le programme "
        "et le site public en découlent ; sans lui, le site public d’une offre qui a des scénarios n’est pas construit."
    ),
    "Appointment.tenu_par": "Qui tient ce rendez-vous : un service, jamais une personne nommée.",
    "Deliberation.objet": "L’obligation à laquelle ce vote répond (identifiant de kits/bibliotheque/procedures.yml).",
    "Deliberation.date": "Date du vote, au format AAAA-MM-JJ.",
    "Deliberation.organe": "Qui vote (le décideur du projet sinon).",
    "Mission.date_version": "Date de cette version du kit, imprimée sur les couvertures (la date du devis sinon).",
    "Parameters.responsables": "Qui porte chaque rôle du rétroplanning des agents (pilote, communication, assemblées, accueil).",
    "Project.deliberations": "Les votes que ces procédures demandent, avec leur date.",
    "Workshop.duree_minutes": "Durée de l’atelier R.O.I., pause comprise, en minutes (210 par défaut : 3 h 30).",
    "Workshop.fiches_pre_remplies": "Imprimer les notes déjà saisies sur les fiches (séance de relecture) ; vierges par défaut.",
    "Venue.solution_repli": "Pour un lieu non accessible en fauteuil roulant : ce qui est proposé à la place (imprimé sur le site public).",
    "Appointment.id": "Identifiant du rendez-vous, pour le nommer depuis une mesure d’accessibilité ou un retour aux participants.",
    "Appointment.technique": "La technique du scénario retenu que ce rendez-vous met en œuvre (kit check le vérifie).",
    "FeedbackCommitment.rendez_vous": "Pour une réunion de restitution : l’identifiant du rendez-vous ; sa date et son lieu font foi.",
    "RoiData.raison_seuil": "Pourquoi le seuil citoyen diffère de l’équilibre de l’échelle (50) ; imprimé sur la page de la méthode.",
    "Client.parametres": "Paramètres de la participation : lieux, communication, animation, accessibilité, rendez-vous.",
    "Client.contrat_participation": "Le contrat de participation entre l’acteur public et les citoyens.",
    "Client.site_public": "Les textes propres au site public du projet, écrits pour les habitants.",
    "Client.cahier_des_charges": "Ce que le cahier des charges demande en plus des autres données.",
    "Client.devis": "Le devis : numéro, date, options choisies et leurs prix." + _INTERNE,
    "Client.strategie": "Offre « stratégie » : principes, état de l’art, grille, les trois ateliers élus, citoyens, services, options, séance de créativité, usage du R.O.I. citoyen.",
    "Client.defricher": "Offre « défricher » : notes de recherche, pistes créatives, scénarios fictifs.",
    "Client.pages_legales": "Ce que les pages légales du site public disent de la collectivité : mentions légales, déclaration d’accessibilité, données personnelles. Rien n’est inventé : kit check signale ce qui manque.",
    "Collectivity.article": "Article du nom dans une phrase (le, la, l’, les, aucun) : « la Ville de … ». Déduit du nom et du type sinon.",
    "Collectivity.genre": "Genre du nom (masculin, feminin) : « elle vous invite ». Déduit du nom et du type sinon.",
    "Collectivity.adresse": "Adresse postale de la collectivité : sur le devis et les mentions légales.",
    "ParticipationContract.garant_contact": "Comment joindre le garant directement, sans passer par le service qu’il contrôle.",
    "GuarantorContact.nom": "Nom ou titre du garant.",
    "GuarantorContact.courriel": "Adresse électronique propre au garant.",
    "GuarantorContact.telephone": "Téléphone du garant.",
    "GuarantorContact.adresse": "Adresse postale du garant.",
    "LegalPages.editeur": "L’éditeur du site (la collectivité) : téléphone, courriel, SIRET.",
    "LegalPages.directeur_publication": "Le directeur ou la directrice de la publication : une fonction plutôt qu’un nom (« le maire de … »).",
    "LegalPages.hebergeur": "L’hébergeur du site publié : nom, adresse, téléphone.",
    "LegalPages.accessibilite": "La déclaration d’accessibilité (RGAA 4.1) : état de conformité, audit, contenus non accessibles.",
    "LegalPages.donnees_personnelles": "La notice sur les données personnelles (RGPD, art. 13) : responsable, DPO, finalités, base légale, destinataires, durée.",
    "Publisher.telephone": "Téléphone de la collectivité.",
    "Publisher.courriel": "Adresse électronique de la collectivité.",
    "Publisher.siret": "Numéro SIRET de la collectivité.",
    "Host.nom": "Nom de l’hébergeur.",
    "Host.adresse": "Adresse postale de l’hébergeur.",
    "Host.telephone": "Téléphone de l’hébergeur.",
    "Host.site": "Site internet de l’hébergeur.",
    "AccessibilityStatement.statut": "État de conformité déclaré : non-conforme, partiellement-conforme ou totalement-conforme. Sans audit, le site est affiché non conforme.",
    "AccessibilityStatement.date_audit": "Date de l’audit RGAA, au format AAAA-MM-JJ.",
    "AccessibilityStatement.auditeur": "Qui a fait l’audit : un organisme extérieur ou la collectivité.",
    "AccessibilityStatement.taux": "Part des critères RGAA respectés, en pourcentage.",
    "AccessibilityStatement.perimetre": "Pages auditées et outils utilisés.",
    "AccessibilityStatement.contenus_non_accessibles": "Les contenus non accessibles, un par ligne.",
    "AccessibilityStatement.derogations": "Les contenus dérogés (non soumis à l’obligation), un par ligne.",
    "AccessibilityStatement.date_declaration": "Date de la déclaration, au format AAAA-MM-JJ.",
    "AccessibilityStatement.schema_pluriannuel": "Où est publié le schéma pluriannuel de mise en accessibilité.",
    "AccessibilityStatement.contact": "Contact pour signaler un problème d’accès (le contact du projet sinon).",
    "DataNotice.responsable": "Le responsable du traitement (la collectivité sinon).",
    "DataNotice.contact_responsable": "Comment joindre le responsable du traitement.",
    "DataNotice.dpo": "Comment joindre le délégué à la protection des données (DPO).",
    "DataNotice.finalites": "À quoi servent les données, une finalité par ligne.",
    "DataNotice.base_legale": "Ce qui autorise le traitement (consentement, mission d’intérêt public…).",
    "DataNotice.donnees_collectees": "Les données recueillies, une par ligne.",
    "DataNotice.destinataires": "Qui reçoit les données, un destinataire par ligne.",
    "DataNotice.duree_conservation": "Combien de temps les données sont gardées.",
    "ReachableContact.nom": "Nom du service ou de la fonction.",
    "ReachableContact.courriel": "Adresse électronique.",
    "ReachableContact.telephone": "Numéro de téléphone.",
    "ReachableContact.adresse": "Adresse postale.",
    "ReachableContact.site": "Adresse d’une page internet.",
    "Client.roi": "L’outil « R.O.I. citoyen » : seuils, capacité des services, atelier ; les notes servent à l’offre concertation et à l’option « ateliers-roi ».",
    "Client.suites": "Après la participation : thèmes, réponses et engagements (les avis eux-mêmes sont dans contributions.csv).",
    "Collectivity.nom": "Nom officiel, par exemple « Ville de Bellerive-sur-Loire ».",
    "Collectivity.type": "Type de collectivité.",
    "Collectivity.population": "Nombre d’habitants.",
    "Collectivity.territoire": "Une phrase qui situe le territoire.",
    "Collectivity.logo": "Image du logo, chemin relatif au dossier du client (par exemple images/logo.png).",
    "Project.titre": "Le projet en quelques mots ; titre du site et des livrets.",
    "Project.resume": "Le projet en trois ou quatre phrases simples, reprises sur le site public.",
    "Project.enjeux": "Les enjeux du projet, un par ligne.",
    "Project.decision": "Ce qui sera décidé à la fin, en une phrase.",
    "Project.decideur": "Qui décide (par exemple « Conseil municipal »).",
    "Project.date_decision": "Date de la décision, au format AAAA-MM-JJ.",
    "Project.perimetre": "Ce sur quoi les habitants peuvent peser, et ce qui est déjà décidé.",
    "Project.procedures": "Procédures légales qui s’appliquent, par exemple concertation-prealable-urbanisme (C. urb. L.103-2).",
    "Perimeter.negociable": "Ce sur quoi l’avis des habitants peut faire bouger le projet.",
    "Perimeter.non_negociable": "Ce qui est déjà décidé et ne sera pas discuté.",
    "Mission.consultant": "Consultant du cabinet chargé de la mission." + _INTERNE,
    "Mission.debut": "Date de début de la mission, au format AAAA-MM-JJ.",
    "Mission.version": 'Version du kit, imprimée sur les livrets (par exemple "1.0", entre guillemets).',
    "CalendarEntry.etape": "Identifiant d’une étape de l’offre du client.",
    "CalendarEntry.debut": "Date de début, au format AAAA-MM-JJ.",
    "CalendarEntry.fin": "Date de fin, au format AAAA-MM-JJ.",
    "CalendarEntry.statut": "fait, en-cours ou prevu.",
    "CalendarEntry.note": "Précision sur l’étape (lieu, horaire...).",
    "ClientPublic.id": "Identifiant d’un public de kits/bibliotheque/publics.yml, ou de la section publics_propres.",
    "ClientPublic.prioritaire": "Public prioritaire : le classement des scénarios regarde d’abord le public prioritaire le moins bien servi.",
    "ClientPublic.effectif": "Ordre de grandeur du public sur le territoire.",
    "ClientPublic.note": "Remarque sur ce public." + _INTERNE,
    "Stakeholder.id": "Identifiant court : minuscules, chiffres et tirets.",
    "Stakeholder.nom": "Nom de l’acteur ou du groupe (pas une personne nommée).",
    "Stakeholder.categorie": "Catégorie de l’acteur.",
    "Stakeholder.pouvoir": "Poids sur la décision, de 1 (faible) à 4 (fort).",
    "Stakeholder.interet": "Intérêt pour le projet, de 1 (faible) à 4 (fort).",
    "Stakeholder.attitude": "Attitude envers le projet.",
    "Stakeholder.relaie": "Publics (identifiants) que cet acteur peut toucher.",
    "Stakeholder.niveau_cible": "Niveau de participation visé (échelle IAP2).",
    "Stakeholder.canal": "Comment l’associer (réunion, comité, rencontre...).",
    "Stakeholder.contact": "Coordonnées d’une personne." + _INTERNE,
    "PrivateContact": "Coordonnées personnelles." + _INTERNE,
    "Scenario.id": "Identifiant court : minuscules, chiffres et tirets.",
    "Scenario.titre": "Nom du scénario.",
    "Scenario.resume": "Le scénario en deux ou trois phrases.",
    "Scenario.techniques": "Techniques de kits/bibliotheque/techniques.yml (identifiants), dans l’ordre.",
    "RoiData.notes": "Les notes de l’atelier par scénario, public et critère, avec leur raison." + _INTERNE,
    "Cell.note": "La note, de 0 à 4 (voir les niveaux décrits pour chaque critère).",
    "Cell.raison": "La raison de la note, en une phrase (entre guillemets si elle contient une virgule).",
    "Answer.theme": "Identifiant du thème (liste « themes » ci-dessus).",
    "Answer.proposition": "Une proposition précise du thème ; sans elle, la réponse vaut pour tout le thème.",
    "Answer.reponse": "retenue, retenue-en-partie, non-retenue ou hors-perimetre.",
    "Answer.pourquoi": "Pourquoi, en phrases simples : c’est ce que les habitants liront.",
    "Answer.decideur": "Qui a décidé (par exemple « Conseil municipal »).",
    "Answer.date": "Date de la décision, au format AAAA-MM-JJ.",
    "Answer.suite": "Ce qui se passe ensuite : où la demande va dans le projet.",
    "Answer.echeance": "Pour quand, au format AAAA-MM-JJ.",
    "Appointment.titre": "Nom du rendez-vous, tel que les habitants le liront.",
    "Appointment.date": "Date du rendez-vous, au format AAAA-MM-JJ.",
    "Appointment.horaire": "Horaire, par exemple « de 18 h 30 à 20 h 30 » : ses heures donnent celles de l’événement d’agenda.",
    "Appointment.date_fin": "Dernier jour d’un rendez-vous qui dure plusieurs jours (un questionnaire en ligne).",
    "Appointment.lien": "Adresse web pour les habitants (le questionnaire en ligne), en https:// ; affichée sur le site public.",
    "Appointment.lieu": "Identifiant d’un lieu de la liste « lieux » ci-dessus.",
    "Appointment.en_ligne": "true si le rendez-vous se tient en ligne (sans lieu).",
    "Appointment.description": "Ce qui s’y passe, en une ou deux phrases simples.",
    "AwardCriterion.critere": "Critère de choix du prestataire.",
    "AwardCriterion.poids": "Poids du critère, en pourcentage (le total fait 100).",
    "ChosenOption.id": "Identifiant d’une option de l’offre (kits/offres/).",
    "ChosenOption.quantite": "Nombre d’unités achetées (1 par défaut).",
    "ChosenOption.prix_unitaire": "Prix unitaire hors taxes de l’option, en euros.",
    "Commitment.id": "Identifiant court : minuscules, chiffres et tirets.",
    "Commitment.titre": "L’engagement, en une phrase.",
    "Commitment.theme": "Identifiant du thème dont il vient.",
    "Commitment.statut": "a-faire, en-cours ou fait : à mettre à jour au fil du projet.",
    "Commitment.echeance": "Pour quand, au format AAAA-MM-JJ.",
    "Commitment.responsable": "Le service ou l’instance qui s’en charge (jamais une personne nommée).",
    "Commitment.avancement": "Où en est-on, en une phrase.",
    "Commitment.mis_a_jour": "Date du dernier point, au format AAAA-MM-JJ.",
    "CommunicationMeans.moyen": "Le moyen de communication (affiche, lettre, réseau social…).",
    "CommunicationMeans.publics": "Publics (identifiants) que ce moyen vise.",
    "CommunicationMeans.quand": "Quand il est utilisé.",
    "CreativeLead.id": "Identifiant court : minuscules, chiffres et tirets.",
    "CreativeLead.titre": "Nom de la piste créative.",
    "CreativeLead.description": "La piste en deux ou trois phrases.",
    "CreativeLead.statut": "a-tester, retenue ou ecartee.",
    "CreativeLead.raison": "Pourquoi la piste est retenue ou écartée.",
    "CreativeSession.date": "Date de la séance de créativité, au format AAAA-MM-JJ.",
    "CreativeSession.participants": "Qui a participé à la séance.",
    "CreativeSession.solutions": "Les solutions construites pendant la séance, et leur test.",
    "CreativeSolution.titre": "Nom de la solution.",
    "CreativeSolution.description": "La solution en deux ou trois phrases.",
    "CreativeSolution.retour_elus": "Ce que les élus en ont dit lors du test.",
    "CreativeSolution.retour_citoyens": "Ce que les citoyens en ont dit lors du test.",
    "CreativeSolution.retenue": "true si la solution est retenue.",
    "Discovery.recherches": "Notes de recherche : observations, analogies, entretiens…",
    "Discovery.pistes": "Pistes créatives à tester en atelier.",
    "Discovery.scenarios_fictifs": "Scénarios fictifs soumis aux ateliers élus, citoyens et services.",
    "Discovery.analyse": "Propositions de travail issues de l’analyse, avec leurs conditions.",
    "Facilitation.methode": "La méthode d’animation, en une phrase.",
    "Facilitation.animateurs": "Qui anime.",
    "Facilitation.principes": "Principes d’animation, un par ligne.",
    "Feedback.date": "Date à laquelle les participants reçoivent le retour, au format AAAA-MM-JJ.",
    "Feedback.forme": "Forme du retour (compte rendu en ligne, réunion de restitution…).",
    "FeedbackCommitment.forme": "Forme du retour promis aux participants.",
    "FeedbackCommitment.echeance": "Date limite de ce retour, au format AAAA-MM-JJ.",
    "FeedbackCommitment.canal": "Par où le retour est donné.",
    "FictionalScenario.id": "Identifiant court : minuscules, chiffres et tirets.",
    "FictionalScenario.titre": "Nom du scénario fictif.",
    "FictionalScenario.recit": "Le récit soumis aux participants.",
    "FictionalScenario.pistes": "Pistes créatives (identifiants) que ce scénario met en scène.",
    "FictionalScenario.retours": "Ce que chaque groupe en a dit.",
    "Governance.comite_pilotage": "Composition du comité de pilotage (élus).",
    "Governance.comite_technique": "Composition du comité technique (services).",
    "Governance.instance_suivi": "L’instance qui suit la mise en œuvre.",
    "Governance.role_elus": "Le rôle des élus à chaque étape, un par ligne.",
    "FollowUp.themes": "Les thèmes sous lesquels chaque avis est classé.",
    "FollowUp.canaux": "Les canaux qui ne sont pas des rendez-vous du programme (registre en mairie, courriel...).",
    "FollowUp.citations": "Identifiants de contributions choisies comme représentatives, dans l’ordre où les montrer.",
    "FollowUp.reponses": "La réponse à chaque thème ou proposition, avec sa raison.",
    "FollowUp.engagements": "Les engagements pris, avec leur statut.",
    "FollowUp.date_bilan": "Date du bilan, au format AAAA-MM-JJ : jamais avant ce qu’il rapporte (sinon le lendemain du dernier avis, de la dernière réponse).",
    "GridCriterion.id": "Identifiant court : minuscules, chiffres et tirets.",
    "GridCriterion.libelle": "Nom du critère de la grille d’analyse.",
    "GridCriterion.question": "La question que le critère pose.",
    "GridReading.critere": "Identifiant d’un critère de la grille.",
    "GridReading.appreciation": "favorable, partage ou defavorable.",
    "GridReading.constat": "Ce que l’atelier a montré sur ce critère.",
    "GroupFeedback.groupe": "elus, citoyens ou services.",
    "GroupFeedback.positif": "Ce qui a plu, un point par ligne.",
    "GroupFeedback.negatif": "Ce qui a déplu, un point par ligne.",
    "Means.budget": "Budget prévu, en euros toutes taxes comprises.",
    "Means.jours_agent": "Jours-agent prévus, service par service.",
    "Mitigation.id": "Identifiant court : minuscules, chiffres et tirets.",
    "Mitigation.titre": "La mesure (garde d’enfants, horaire du soir, traduction…).",
    "Mitigation.jours_agent": "Ce qu’elle coûte aux services, en jours-agent.",
    "Mitigation.ameliore": "Critères qu’elle améliore, et de combien de points.",
    "Parameters.lieux": "Les lieux de la participation, avec leur accessibilité.",
    "Parameters.communication": "Les moyens de communication et les publics qu’ils visent.",
    "Parameters.animation": "La méthode d’animation.",
    "Parameters.accessibilite": "Ce qui est prévu pour l’accessibilité, un point par ligne.",
    "Parameters.rendez_vous": "Les rendez-vous publics, avec leur date et leur lieu.",
    "ParticipationContract.qui_decide": "Qui décide, et quand.",
    "PublicProfile": "Un public propre au client, décrit comme ceux de la bibliothèque.",
    "PublicProfile.id": "Identifiant court, absent de la bibliothèque : minuscules, chiffres et tirets.",
    "PublicProfile.nom": "Nom du public tel que les habitants le liront (par exemple « Travailleurs saisonniers »).",
    "PublicProfile.description": "Qui sont ces habitants, en une phrase.",
    "PublicProfile.sensibilites": "Multiplicateur du poids de chaque critère pour ce public (1 = neutre, 1.5 = compte moitié plus).",
    "PublicProfile.canaux": "Comment les informer, un canal par ligne.",
    "PublicProfile.relais": "Qui peut les inviter de vive voix, un relais par ligne.",
    "PublicProfile.eloigne_des_institutions": "true si ce public est éloigné des institutions.",
    "ParticipationContract.demandes": "Ce que l’on demande aux habitants, un point par ligne.",
    "ParticipationContract.apports": "Ce que l’on apporte aux habitants, un point par ligne.",
    "ParticipationContract.engagements": "Les engagements pris envers les habitants, un par ligne.",
    "ParticipationContract.niveau": "Niveau de participation promis (échelle IAP2).",
    "ParticipationContract.retour": "Quand et sous quelle forme les participants auront un retour.",
    "ParticipationContract.regles": "Les règles de l’échange, une par ligne.",
    "ParticipationContract.garant": "Le garant de la démarche, indépendant du service qui la mène.",
    "ParticipationContract.contact": "Le contact public du projet (un service, jamais une personne).",
    "ParticipationContract.donnees_personnelles": "Ce qui est fait des données personnelles des participants.",
    "ParticipationContract.suivi": "Comment la suite est suivie et rendue publique, un point par ligne.",
    "PrivateContact.nom": "Nom de la personne." + _INTERNE,
    "PrivateContact.courriel": "Adresse électronique." + _INTERNE,
    "PrivateContact.telephone": "Numéro de téléphone." + _INTERNE,
    "Proposal.titre": "Nom de la proposition de travail.",
    "Proposal.description": "La proposition en deux ou trois phrases.",
    "Proposal.pistes": "Pistes créatives (identifiants) dont elle vient.",
    "Proposal.conditions": "Conditions de sa réalisation, une par ligne.",
    "PublicContact.service": "Le service à contacter.",
    "PublicContact.courriel": "Adresse électronique du service.",
    "PublicContact.telephone": "Numéro de téléphone du service.",
    "PublicContact.adresse": "Adresse postale du service.",
    "PublicContact.horaires": "Horaires d’accueil.",
    "PublicSite.pourquoi": "Pourquoi participer, en phrases simples, une par ligne.",
    "QuoteData.numero": "Numéro du devis.",
    "QuoteData.date": "Date du devis, au format AAAA-MM-JJ.",
    "QuoteData.validite_jours": "Durée de validité du devis, en jours.",
    "QuoteData.prix_base": "Prix de base hors taxes, si différent du prix de l’offre.",
    "QuoteData.options": "Les options achetées, avec leur prix.",
    "QuoteData.arret_avant_atelier": "true si la mission s’arrête avant l’atelier (règle de l’offre).",
    "QuoteData.conditions": "Conditions du devis, une par ligne.",
    "ResearchNote.type": "Nature de la note : observation, analogie, entretien…",
    "ResearchNote.titre": "Titre de la note.",
    "ResearchNote.resume": "Ce qu’elle apprend, en quelques phrases.",
    "ResearchNote.profil": "Profil de la personne rencontrée (usager-extreme, expert…).",
    "RoiData.capacite_jours_agent": "Jours-agent que les services peuvent donner à la démarche.",
    "RoiData.seuil_citoyen": "R.O.I. citoyen minimal (sur 100) du public prioritaire le moins bien servi.",
    "RoiData.marge_citoyen": "Marge (en points) sous le seuil où la condition est « à surveiller ».",
    "RoiData.alerte_charge": "Part de la capacité des services (en %) au-delà de laquelle on alerte.",
    "RoiData.poids": "Poids des critères, si différents de ceux de la bibliothèque.",
    "RoiData.sensibilites": "Sensibilités des publics aux critères, si différentes de la bibliothèque.",
    "RoiData.atelier": "L’atelier lui-même : date, heure, lieu, participants.",
    "Scenario.negociable": "Ce que ce scénario met en discussion, un point par ligne.",
    "Scenario.non_negociable": "Ce qu’il ne met pas en discussion, un point par ligne.",
    "Scenario.decideur": "Qui décide à la fin de ce scénario.",
    "Scenario.date_decision": "Date de la décision, au format AAAA-MM-JJ.",
    "Scenario.role_elus": "Le rôle des élus dans ce scénario.",
    "Scenario.jours_agent": "Jours-agent du scénario, s’ils diffèrent de la somme des techniques.",
    "Scenario.attenuations": "Mesures qui réduisent les coûts pour certains publics.",
    "Scenario.retours": "Les retours promis aux participants.",
    "ScenarioScores.acteur": "Notes des critères de l’acteur public pour tout le scénario.",
    "ScenarioScores.publics": "Notes par public puis par critère.",
    "ServiceDays.service": "Le service.",
    "ServiceDays.jours": "Ses jours-agent.",
    "Specs.objectifs": "Objectifs de la démarche, un par ligne.",
    "Specs.usage_resultats": "Ce qui sera fait des résultats.",
    "Specs.alternatives": "Les solutions de rechange envisagées, une par ligne.",
    "Specs.niveaux": "Niveau de participation (IAP2) par public.",
    "Specs.gouvernance": "Comités, instance de suivi et rôle des élus.",
    "Specs.moyens": "Budget et jours-agent par service.",
    "Specs.livrables": "Livrables attendus, un par ligne.",
    "Specs.indicateurs": "Indicateurs d’évaluation, un par ligne.",
    "Specs.marche_public": "Pour un marché public : compétences et critères d’attribution.",
    "Strategy.etat_de_l_art": "Ce que l’état de l’art apprend, un point par ligne.",
    "Strategy.grille": "La grille d’analyse des souhaits, tirée de la préparation.",
    "Strategy.ateliers": "Les trois ateliers élus, citoyens, services.",
    "Strategy.options": "Les options ouvertes à l’acteur public, une par ligne.",
    "Strategy.creativite": "La séance de créativité et le test des solutions.",
    "Strategy.principes": "Les principes que la collectivité s’engage à tenir, en plus des trois conditions du cabinet.",
    "Strategy.options_retenues": "Les options que la collectivité a décidées, dans ses mots, une par ligne.",
    "Strategy.usage_roi": "Comment le R.O.I. citoyen servira après la mission : pour quels projets, par qui, à quel rythme.",
    "StrategyWorkshop.groupe": "elus, citoyens ou services.",
    "StrategyWorkshop.date": "Date de l’atelier, au format AAAA-MM-JJ.",
    "StrategyWorkshop.participants": "Nombre de participants.",
    "StrategyWorkshop.scenarios_usage": "Scénarios d’usage discutés, un par ligne.",
    "StrategyWorkshop.positif": "Ce qui a plu, un point par ligne.",
    "StrategyWorkshop.negatif": "Ce qui a déplu, un point par ligne.",
    "StrategyWorkshop.analyse": "Lecture de l’atelier selon la grille d’analyse.",
    "Tender.competences": "Compétences attendues du prestataire, une par ligne.",
    "Tender.criteres_attribution": "Critères d’attribution et leur poids.",
    "Theme.id": "Identifiant court : minuscules, chiffres et tirets ; c’est la colonne « theme » des avis.",
    "Theme.titre": "Nom du thème, tel que les habitants le liront.",
    "Theme.synthese": "Ce qui a été entendu sur ce thème, en quelques phrases.",
    "Venue.id": "Identifiant court : minuscules, chiffres et tirets.",
    "Venue.nom": "Nom du lieu.",
    "Venue.adresse": "Adresse du lieu.",
    "Venue.usage": "À quoi il sert dans la démarche.",
    "Venue.accessible": "true si le lieu est accessible aux personnes en fauteuil roulant.",
    "Venue.note": "Précision sur l’accès (entrée, ascenseur, solution de repli…).",
    "Workshop.date": "Date de l’atelier, au format AAAA-MM-JJ.",
    "Workshop.heure": 'Heure de début, par exemple "14:00" (entre guillemets).',
    "Workshop.lieu": "Lieu de l’atelier.",
    "Workshop.participants": "Qui participe (fonctions, pas de noms), un par ligne.",
}


def _french_title(alias: str) -> str:
    return alias.replace("_", " ").capitalize()


def _annotate(name: str, node: dict[str, Any]) -> None:
    """French titles and help for one object of the schema, in place."""
    node.pop("title", None)
    node.pop("description", None)  # English docstrings: meant for developers
    if name in DESCRIPTIONS:
        node["description"] = DESCRIPTIONS[name]
    for key, prop in node.get("properties", {}).items():
        prop["title"] = _french_title(key)
        prop.pop("description", None)
        help_text = DESCRIPTIONS.get(f"{name}.{key}")
        if help_text:
            prop["description"] = help_text
            prop["markdownDescription"] = help_text


def _suggest(node: dict[str, Any], values: list[str]) -> None:
    """Offer the known identifiers for completion, without forbidding others:
    the build names an unknown one with the list of known ones."""
    if values:
        node["examples"] = values


def _ids(file: Path, key: str) -> list[str]:
    """Identifiers listed in a library file; none if it cannot be read (the
    build reports the file itself)."""
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8-sig")) or {}
        return [str(item["id"]) for item in data.get(key, []) if isinstance(item, dict) and "id" in item]
    except (OSError, yaml.YAMLError, AttributeError):
        return []


def known_ids(kits_dir: Path) -> tuple[list[str], list[str], list[str]]:
    """Offers, publics and techniques of the kit, for completion."""
    offers = sorted(p.stem for p in (kits_dir / "offres").glob("*.yml"))
    library = kits_dir / "bibliotheque"
    return offers, _ids(library / "publics.yml", "publics"), _ids(library / "techniques.yml", "techniques")


def _short_forms(defs: dict[str, Any]) -> None:
    """Forms the model accepts through a before-validator, which pydantic's schema
    does not know: a score may be written ``temps: 2`` for ``temps: {note: 2}``, or
    ``temps: 2, a reason`` for ``temps: {note: 2, raison: a reason}``."""
    cell = defs["Cell"]
    score = {"type": "integer", "minimum": 0, "maximum": 4, "description": "La note seule, de 0 à 4."}
    with_reason = {
        "type": "string",
        "pattern": r"^\s*[0-4]\s*,\s*\S",
        "description": "La note, une virgule, puis la raison (virgules permises) : « 2, le soir, après 20 h ».",
    }
    defs["Cell"] = {"anyOf": [score, with_reason, cell], "description": cell.get("description", "")}


def client_schema() -> dict[str, Any]:
    """The schema of ``client.yml``: French keys, French help, known identifiers."""
    schema = Client.model_json_schema(by_alias=True, mode="validation")
    defs = schema.get("$defs", {})
    for name, node in defs.items():
        _annotate(name, node)
    _annotate("Client", schema)
    _short_forms(defs)
    offers, publics, techniques = known_ids(Settings.from_env().kits_dir)
    _suggest(schema["properties"]["offre"], offers)
    _suggest(defs["ClientPublic"]["properties"]["id"], publics)
    _suggest(defs["Scenario"]["properties"]["techniques"]["items"], techniques)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "client.yml d’un kit A.M.O.O.R.",
        "description": "Les données d’un client du cabinet. Généré par `kit schema` : ne pas modifier à la main.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(client_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return path
