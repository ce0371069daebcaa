"""Words of the synthetic catalogue: French-, Dutch- and English-like text about public-sector
software, taxonomies and institution names. Not facts: every generated entry says it is
synthetic."""


# Common words of descriptions, most frequent first (drawn with Zipf-like weights, so a few
# words are everywhere and most are rare, as in real descriptions).
def _words(text: str) -> list[str]:
    return text.split()


WORDS = {
    "fr": _words(
        "le la les des un une et pour avec dans sur par du de au aux est sont qui permet "
        "service données dossier citoyen entreprise administration plateforme gestion accès "
        "sécurité échange signature électronique document archivage authentification "
        "identité formulaire paiement notification flux réseau intégration application "
        "utilisateur institution sociale santé fiscal registre consultation validation "
        "traitement publication rapport statistique contrôle mandat déclaration interface "
        "message courrier portail mobile recherche tableau suivi agenda réservation facture "
        "marché public contrat subvention allocation pension emploi travailleur employeur "
        "chômage handicap famille enfant patient médecin hôpital pharmacie prescription "
        "vaccination laboratoire imagerie urgence ambulance police justice tribunal greffe "
        "casier amende permis véhicule immatriculation cadastre urbanisme environnement "
        "énergie mobilité transport horaire géographie carte adresse bâtiment patrimoine "
        "bibliothèque musée culture sport jeunesse enseignement école étudiant diplôme "
        "formation compétence recrutement carrière salaire congé absence temps planning "
        "budget comptabilité trésorerie audit risque conformité protection vie privée "
        "consentement journalisation surveillance disponibilité performance sauvegarde "
        "restauration migration modernisation mutualisation réutilisation centre expertise "
        "méthode processus qualité support assistance hébergement nuage conteneur "
        "automatisation robot intelligence analyse prédiction visualisation indicateur"
    ),
    "nl": _words(
        "de het een en van voor met in op door aan bij is zijn die maakt mogelijk dienst "
        "gegevens dossier burger onderneming overheid platform beheer toegang beveiliging "
        "uitwisseling handtekening elektronisch document archivering authenticatie "
        "identiteit formulier betaling melding stroom netwerk integratie toepassing "
        "gebruiker instelling sociaal gezondheid fiscaal register raadpleging validatie "
        "verwerking publicatie verslag statistiek controle mandaat aangifte interface "
        "bericht post portaal mobiel zoeken overzicht opvolging agenda reservatie factuur "
        "overheidsopdracht contract subsidie uitkering pensioen werk werknemer werkgever "
        "werkloosheid handicap gezin kind patiënt arts ziekenhuis apotheek voorschrift "
        "vaccinatie laboratorium beeldvorming spoed ambulance politie justitie rechtbank "
        "griffie strafregister boete vergunning voertuig inschrijving kadaster stedenbouw "
        "milieu energie mobiliteit vervoer dienstregeling geografie kaart adres gebouw "
        "erfgoed bibliotheek museum cultuur sport jeugd onderwijs school student diploma "
        "opleiding competentie aanwerving loopbaan loon verlof afwezigheid tijd planning "
        "begroting boekhouding thesaurie audit risico conformiteit bescherming privacy "
        "toestemming logging monitoring beschikbaarheid prestatie back-up herstel "
        "migratie modernisering samenwerking hergebruik kenniscentrum expertise methode "
        "proces kwaliteit ondersteuning hulp hosting cloud container automatisering robot "
        "intelligentie analyse voorspelling visualisatie indicator"
    ),
    "en": _words(
        "the a an and for with in on by of to is are which lets service data case citizen "
        "company administration platform management access security exchange signature "
        "electronic document archiving authentication identity form payment notification "
        "flow network integration application user institution social health tax register "
        "lookup validation processing publication report statistics control mandate "
        "declaration interface message mail portal mobile search dashboard tracking "
        "calendar booking invoice procurement contract grant allowance pension employment "
        "worker employer unemployment disability family child patient doctor hospital "
        "pharmacy prescription vaccination laboratory imaging emergency ambulance police "
        "justice court registry record fine permit vehicle registration cadastre planning "
        "environment energy mobility transport timetable geography map address building "
        "heritage library museum culture sport youth education school student diploma "
        "training skill recruitment career salary leave absence time schedule budget "
        "accounting treasury audit risk compliance protection privacy consent logging "
        "monitoring availability performance backup restore migration modernisation "
        "pooling reuse centre expertise method process quality support helpdesk hosting "
        "cloud container automation robot intelligence analysis prediction visualisation "
        "indicator"
    ),
}

# Words that occur in few descriptions (about one in a thousand each): what a search for "two
# rare words" looks for.
RARE_WORDS = _words(
    "quasar nebulium tessellation heliograph cryptolith obsidium palimpsest zeppelin "
    "mandragore vortexa lanterne kaleidoscoop spinnaker astrolabe theodolite graphene "
    "phosphor tantalum vanadium osmium iridium rhodium hafnium scandium yttrium gallium "
    "lutetium europium thulium holmium"
)

# Name parts of components, per language: a head noun and a domain.
NAME_HEADS = {
    "fr": ["Plateforme", "Service", "Registre", "Portail", "Moteur", "Module", "Centre", "Outil"],
    "nl": ["Platform", "Dienst", "Register", "Portaal", "Motor", "Module", "Centrum", "Tool"],
    "en": ["Platform", "Service", "Registry", "Portal", "Engine", "Module", "Hub", "Toolkit"],
}
NAME_DOMAINS = {
    "fr": [
        "de signature", "d'archivage", "de paiement", "d'identité", "de facturation",
        "des mandats", "de consentement", "des formulaires", "de notification", "de recherche",
        "de planification", "des dossiers", "de publication", "des allocations", "d'agenda",
    ],
    "nl": [
        "voor handtekeningen", "voor archivering", "voor betalingen", "voor identiteit",
        "voor facturatie", "voor mandaten", "voor toestemming", "voor formulieren",
        "voor meldingen", "voor zoeken", "voor planning", "voor dossiers", "voor publicatie",
        "voor uitkeringen", "voor agenda's",
    ],
    "en": [
        "for signatures", "for archiving", "for payments", "for identity", "for invoicing",
        "for mandates", "for consent", "for forms", "for notifications", "for search",
        "for planning", "for case files", "for publishing", "for allowances", "for calendars",
    ],
}  # fmt: skip

# Functional domains: (English, French, Dutch).
CATEGORIES = [
    ("Archiving", "Archivage", "Archivering"),
    ("Authentication", "Authentification", "Authenticatie"),
    ("Electronic signature", "Signature électronique", "Elektronische handtekening"),
    ("Payments", "Paiements", "Betalingen"),
    ("Case management", "Gestion de dossiers", "Dossierbeheer"),
    ("Document management", "Gestion documentaire", "Documentbeheer"),
    ("Data exchange", "Échange de données", "Gegevensuitwisseling"),
    ("Forms", "Formulaires", "Formulieren"),
    ("Notifications", "Notifications", "Meldingen"),
    ("Reporting", "Rapportage", "Rapportering"),
    ("Security", "Sécurité", "Beveiliging"),
    ("Privacy", "Vie privée", "Privacy"),
    ("Geographic data", "Données géographiques", "Geografische gegevens"),
    ("Human resources", "Ressources humaines", "Personeelsbeheer"),
    ("Finance", "Finances", "Financiën"),
    ("Health care", "Soins de santé", "Gezondheidszorg"),
    ("Social security", "Sécurité sociale", "Sociale zekerheid"),
    ("Procurement", "Marchés publics", "Overheidsopdrachten"),
    ("Mobile apps", "Applications mobiles", "Mobiele apps"),
    ("Infrastructure", "Infrastructure", "Infrastructuur"),
    ("Data analytics", "Analyse de données", "Data-analyse"),
    ("Knowledge centre", "Centre de compétence", "Kenniscentrum"),
    ("Process methods", "Méthodes de processus", "Procesmethoden"),
    ("Open data", "Données ouvertes", "Open data"),
]

TECHNOLOGIES = _words(
    "Java Kotlin Scala Python Go Rust C# .NET PHP Ruby JavaScript TypeScript Angular React "
    "Vue Svelte Node.js Spring Quarkus Django Flask FastAPI Rails Laravel Symfony Drupal "
    "WordPress PostgreSQL Oracle MySQL MariaDB SQLServer MongoDB Redis Elasticsearch "
    "OpenSearch Solr Kafka RabbitMQ ActiveMQ Camunda Flowable Keycloak OpenID SAML OAuth "
    "Kubernetes OpenShift Docker Podman Ansible Terraform Jenkins GitLab Nginx Apache Tomcat "
    "WildFly JBoss Liferay Alfresco Nuxeo SharePoint SAP Salesforce PowerBI Tableau Qlik "
    "Grafana Prometheus Kibana Logstash Hadoop Spark Airflow dbt R SAS Matlab QGIS PostGIS "
    "GeoServer OpenLayers Leaflet Flutter Swift Android iOS Xamarin Cordova Ionic GraphQL "
    "REST SOAP OpenAPI XML JSON XSLT PDF LaTeX Markdown HL7 FHIR DICOM eIDAS PKI HSM"
)

INSTITUTION_KINDS = ["agency", "fund", "office", "institute", "service", "authority", "centre"]
