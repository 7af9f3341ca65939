# ruff: noqa: E501 - one intervention (name, description) per line reads best as a table
"""The demo municipality in each country's language: names, units, codes, money and formats.

:mod:`whatworks.demo` designs one municipality (its interventions, their budgets and their
effects); a :class:`Country` says how that municipality reads in the Netherlands, Denmark or
Norway: the municipality and its peers, programme names, codes and owners as that country's
finance system writes them (Iv3 taakvelden, the Danish kontoplan's funktioner, KOSTRA
funksjoner), intervention and indicator names, units and descriptions in its language, its
currency and the budget export's header and number format. The figures are the same design in
every country (money scaled to the currency), so every country's demo shows every effect class.

``en`` is the reference set with English names (the files committed under ``data/demo`` that
the test suite is written against); ``whatworks demo`` builds ``nl`` unless told otherwise.
The indicator ``population`` keeps its contract name in every language (the Benchmark view
finds the inhabitants by it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

# English programme names (whatworks.demo's keys) in the order of whatworks.demo.PROGRAMMES.
YOUTH = "Youth care"
WORK = "Work and participation"
SUPPORT = "Social support (Wmo)"
HOUSING = "Housing and homelessness"
HEALTH = "Public health"
EDUCATION = "Education"
POVERTY = "Poverty and debt"
SAFETY = "Safety"
ELDERLY = "Elderly care"
INTEGRATION = "Integration"


@dataclass(frozen=True)
class Country:
    """How the demo municipality reads in one country (see the module's docstring)."""

    code: str  # the --country value
    settings_country: str  # whatworks.settings.Country: the discount rate's guidance
    language: str  # the app language of the names
    home: str
    peers: tuple[str, str, str, str]
    currency: str
    # Money in this currency per euro of the design (rounded as the design rounds).
    scale: Decimal
    # contract column -> the header this country's finance export writes (budget file).
    budget_header: tuple[tuple[str, str], ...]
    # The budget export's thousands separator ("" for none); the decimal mark is a comma.
    thousands: str
    # English programme -> (name, code, owner).
    programmes: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    # intervention id -> (name, description).
    interventions: dict[str, tuple[str, str]] = field(default_factory=dict)
    # English indicator name -> (name, description).
    indicators: dict[str, tuple[str, str]] = field(default_factory=dict)
    # English unit -> unit.
    units: dict[str, str] = field(default_factory=dict)


# The Dutch export's header: contract column -> the alias a Dutch finance system writes.
BUDGET_HEADER: Final = (
    ("year", "jaar"),
    ("programme", "programma"),
    ("programme_code", "taakveldcode"),
    ("intervention_id", "interventie"),
    ("budgeted", "begroot"),
    ("actual", "realisatie"),
    ("municipality", "gemeente"),
    ("currency", "valuta"),
)

NL_PROGRAMMES: Final = {
    YOUTH: ("Jeugdzorg", "6.72", "Team Jeugd & Gezin"),
    WORK: ("Werk en participatie", "6.5", "Werkplein Eemsdal"),
    SUPPORT: ("Maatschappelijke ondersteuning (Wmo)", "6.6", "Sociaal Team Eemsdal"),
    HOUSING: ("Wonen en dakloosheid", "6.82", "Team Wonen & Opvang"),
    HEALTH: ("Publieke gezondheid", "7.1", "GGD Eemsdal-Noord"),
    EDUCATION: ("Onderwijs", "4.3", "Team Onderwijs"),
    POVERTY: ("Schuldhulpverlening en armoede", "6.3", "Schuldhulpverlening Eemsdal"),
    SAFETY: ("Openbare orde en veiligheid", "1.2", "Team Openbare Orde & Veiligheid"),
    ELDERLY: ("Ouderenzorg", "6.71", "Team Ouderen"),
    INTEGRATION: ("Inburgering", "6.1", "Team Inburgering"),
}

# fmt: off
NL_INTERVENTIONS: Final = {
    "YC-01": ("Gezinscoaching thuis", "Intensieve coaching van gezinnen thuis, 6-12 maanden, om specialistische zorg te voorkomen."),
    "YC-02": ("Multisysteemtherapie (MST) voor jongeren", "Therapeuten werken met de jongere, het gezin, de school en vrienden, dag en nacht bereikbaar."),
    "YC-03": ("POH-jeugd bij de huisarts", "Een praktijkondersteuner jeugd-GGZ in elke huisartsenpraktijk; korte hulp dicht bij huis."),
    "YC-04": ("Online opvoedcursus", "Zes online bijeenkomsten over opvoeden, met een chatlijn voor vragen."),
    "YC-05": ("Residentiële jeugdhulp", "Specialistische verblijfszorg, ingekocht bij regionale aanbieders."),
    "WP-01": ("Jobcoaching voor jongeren", "Een jobcoach voor 18- tot 27-jarigen zonder werk of school, tot een jaar na de start van het werk."),
    "WP-02": ("Individuele plaatsing en steun (IPS)", "Eerst plaatsen, dan trainen: betaald werk voor mensen met een ernstige psychische aandoening."),
    "WP-03": ("Werkervaringsplaatsen", "Onbetaalde werkervaringsplaatsen bij lokale werkgevers, met een aanvulling op de uitkering."),
    "WP-04": ("Heronderzoeksgesprekken met langdurig uitkeringsgerechtigden", "Jaarlijks gesprek over plichten en kansen; in 2023 na de evaluatie gestopt."),
    "WP-05": ("Basisvaardigheden voor werk (taal en digitaal)", "Voorstel: een cursus basisvaardigheden als eerste stap van elke route naar werk."),
    "WP-06": ("Loonkostensubsidie sociale ondernemingen", "Loonkostensubsidie voor sociale ondernemingen die mensen met een afstand tot de arbeidsmarkt aannemen."),
    "WP-07": ("Gemeentebreed werkoffensief", "Werkgeversbezoeken, een banenloket in elke wijk en een gegarandeerd eerste gesprek."),
    "SS-01": ("Hulp bij het huishouden (Wmo)", "Hulp bij schoonmaken en het huishouden voor inwoners die het zelf niet redden."),
    "SS-02": ("Respijtzorg voor mantelzorgers", "Vrijwilligers en dagplekken nemen de zorg over, zodat mantelzorgers op adem komen."),
    "SS-03": ("Sociale wijkteams", "Eén team per wijk voor vragen over zorg, werk, geld en wonen."),
    "SS-04": ("Digitaal aanmeldportaal", "Online aanvraag van Wmo-ondersteuning; vervangen door het regionale portaal."),
    "HH-01": ("Wonen Eerst (Housing First)", "Eerst een woning, zonder voorwaarden, met intensieve begeleiding thuis."),
    "HH-02": ("Voorkomen van huisuitzetting bij huurachterstand", "Woningcorporaties melden twee maanden achterstand; binnen een week komt een coach langs."),
    "HH-03": ("Nachtopvang", "Noodbedden, maaltijden en douches; 40 plaatsen, elke nacht open."),
    "HH-04": ("Begeleide kamers voor jongeren uit de jeugdzorg", "Kamers met een mentor voor 18- tot 23-jarigen die de jeugdzorg verlaten."),
    "PH-01": ("Gezonde School-aanpak (JOGG)", "Water in plaats van frisdrank, dagelijks bewegen en gezonde kantines op basisscholen."),
    "PH-02": ("Huisbezoeken tegen eenzaamheid bij 75-plussers", "Getrainde vrijwilligers bezoeken geïsoleerde ouderen, zes maanden lang elke week."),
    "PH-03": ("Stoppen-met-rokenbegeleiding tijdens de zwangerschap", "Voorstel: verloskundigen verwijzen naar een coach; waardebonnen voor elke rookvrije maand."),
    "PH-04": ("Cursus psychische eerste hulp (MHFA)", "Een tweedaagse cursus voor inwoners, leerkrachten en sporttrainers."),
    "ED-01": ("Voor- en vroegschoolse educatie (VVE)", "Zestien uur per week voorschoolse educatie voor peuters met een risico op achterstand."),
    "ED-02": ("Coaching tegen voortijdig schoolverlaten", "Een coach voor leerlingen met veel verzuim, samen met school, ouders en leerplichtambtenaren."),
    "ED-03": ("Huiswerkbegeleiding in buurthuizen", "Vrijwilligers helpen leerlingen met huiswerk, vier middagen per week."),
    "ED-04": ("Zomerschool voor de overstap naar het voortgezet onderwijs", "Drie weken lessen en activiteiten in de zomervakantie; gestopt met de subsidie."),
    "PD-01": ("Snelle schuldhulpverlening", "Eerste gesprek binnen drie dagen, stabilisatie binnen een maand, één contactpersoon."),
    "PD-02": ("Vroegsignalering van betalingsachterstanden", "Energie-, water- en woningbedrijven melden achterstanden; de gemeente biedt hulp aan."),
    "PD-03": ("Kindpakket", "Sport, muziek, schoolreisjes en een fiets voor kinderen in gezinnen met een laag inkomen."),
    "PD-04": ("Cursus omgaan met geld voor jongvolwassenen", "Vier avonden over budgetteren, contracten en schulden voor 18- tot 25-jarigen."),
    "PD-05": ("Experiment vertrouwen in de bijstand", "Minder verplichtingen en meer bijverdienen voor bijstandsgerechtigden; een experiment."),
    "SF-01": ("Gevangenisbezoek om jonge daders af te schrikken (Scared Straight)", "Jonge first offenders bezoeken een gevangenis en spreken gedetineerden, bedoeld om af te schrikken."),
    "SF-02": ("Jongerenwerkers op straat", "Straatwerkers 's avonds op straat, in drie wijken."),
    "SF-03": ("Cameratoezicht in de wijk", "Camera's in het centrum en bij het station, in het weekend live bekeken."),
    "SF-04": ("Persoonsgerichte aanpak voor jonge veelplegers", "Voorstel: één casusregisseur per veelpleger, met politie en jeugdzorg."),
    "EC-01": ("Valpreventietraining voor 65-plussers", "Een groepstraining van twaalf weken in balans en kracht, na een valrisicotest."),
    "EC-02": ("Dagbesteding voor mensen met dementie", "Dagbesteding drie dagen per week, met vervoer, op vier locaties."),
    "EC-03": ("Preventieve huisbezoeken bij 75-plussers", "Een bezoek aan elke inwoner die 75 wordt; vervangen door de pilot tegen eenzaamheid."),
    "EC-04": ("Zorg op afstand en sensoren thuis", "Valsensoren en een alarmknop, met een team dat dag en nacht uitrukt."),
    "IN-01": ("Duaal traject taal en werk voor statushouders", "Taallessen gecombineerd met een werkplek vanaf de eerste maand."),
    "IN-02": ("Maatjesproject voor nieuwkomers", "Een vrijwilliger uit de buurt ziet een nieuwkomer het eerste jaar elke week."),
    "IN-03": ("Taalcafé in de bibliotheek", "Voorstel: een wekelijkse gesprekstafel in het Nederlands, door vrijwilligers."),
}

NL_INDICATORS: Final = {
    "population": ("population", "Inwoners op 1 januari; de noemer van elk cijfer per inwoner."),
    "unemployment_rate": ("werkloosheid", "Geregistreerde werkloosheid, % van de beroepsbevolking (gemeenteniveau)."),
    "households_in_poverty": ("huishoudens_in_armoede", "Huishoudens met een inkomen onder de lage-inkomensgrens, % (gemeenteniveau)."),
    "youth_care_use_rate": ("jeugdzorggebruik", "Jongeren van 0-17 jaar met enige vorm van jeugdzorg, % (gemeenteniveau)."),
    "early_school_leavers_rate": ("voortijdig_schoolverlaters", "Leerlingen die de school verlaten zonder startkwalificatie, % (gemeenteniveau)."),
    "youth_care_rereferral_rate": ("herverwijzing_jeugdzorg", "Gezinnen die binnen 12 maanden opnieuw naar specialistische jeugdzorg verwezen worden, % van de deelnemers."),
    "out_of_home_placement_rate": ("uithuisplaatsing", "Jongeren die binnen 12 maanden uit huis geplaatst worden, % van de deelnemers."),
    "specialist_referral_rate": ("verwijzing_specialistische_ggz", "Jongeren doorverwezen naar de specialistische ggz, % van wie gezien is."),
    "paid_work_rate": ("betaald_werk", "Deelnemers met betaald werk 12 maanden na de intake, %."),
    "homelessness_days": ("dagen_dakloos", "Dagen dakloos of in de opvang per deelnemer per jaar."),
    "tenancy_sustainment_rate": ("huurbehoud", "Huishoudens die 12 maanden na het eerste signaal nog in hun woning wonen, %."),
    "debt_resolved_rate": ("schulden_opgelost", "Huishoudens met problematische schulden die na 18 maanden opgelost of stabiel zijn, %."),
    "carer_overload_rate": ("overbelaste_mantelzorgers", "Mantelzorgers die zich (zwaar) overbelast voelen, %."),
    "loneliness_rate": ("eenzaamheid", "Deelnemers die zich ernstig eenzaam voelen (schaal van De Jong Gierveld), %."),
    "child_overweight_rate": ("overgewicht_kinderen", "Basisschoolkinderen met overgewicht of obesitas, %."),
    "language_delay_rate": ("taalachterstand", "Peuters met een taalachterstand bij de start op school, %."),
    "school_dropout_rate": ("schooluitval", "Deelnemers die de school verlaten zonder startkwalificatie, %."),
    "school_absence_days": ("verzuimdagen", "Dagen ongeoorloofd schoolverzuim per leerling per schooljaar."),
    "fall_incident_rate": ("valincidenten", "Deelnemers met een val waarvoor medische zorg nodig was in het afgelopen jaar, %."),
    "youth_reoffending_rate": ("recidive_jongeren", "Jongeren met een nieuwe politieregistratie binnen 12 maanden, %."),
    "language_b1_rate": ("taalniveau_b1", "Statushouders die binnen drie jaar Nederlands op niveau B1 halen, %."),
    "smoking_in_pregnancy_rate": ("roken_tijdens_zwangerschap", "Zwangere vrouwen die roken, %."),
    "wellbeing_score": ("welzijn", "Ervaren welzijn van deelnemers, 1-10."),
    "self_reliance_score": ("zelfredzaamheid", "Score op de zelfredzaamheidsmatrix (ZRM) van cliënten, 1-5."),
}

DA_PROGRAMMES: Final = {
    YOUTH: ("Børn og unge med særlige behov", "5.28", "Familieafdelingen"),
    WORK: ("Beskæftigelse og Jobcenter", "5.68", "Jobcenter Bækkeby"),
    SUPPORT: ("Socialpsykiatri og støtte i hjemmet", "5.38", "Socialafdelingen"),
    HOUSING: ("Bolig og hjemløshed", "5.32", "Boligsocialt Team"),
    HEALTH: ("Sundhed og forebyggelse", "4.62", "Sundhedsplejen"),
    EDUCATION: ("Skole og uddannelse", "3.22", "Skoleafdelingen"),
    POVERTY: ("Økonomisk rådgivning og gæld", "5.57", "Borgerservice og Økonomisk Rådgivning"),
    SAFETY: ("Tryghed og kriminalitetsforebyggelse", "0.25", "SSP Bækkeby"),
    ELDERLY: ("Ældreområdet", "5.30", "Ældre og Sundhed"),
    INTEGRATION: ("Integration og danskuddannelse", "5.46", "Integrationsteamet"),
}

DA_INTERVENTIONS: Final = {
    "YC-01": ("Familiebehandling i hjemmet", "Intensiv vejledning af familier i hjemmet i 6-12 måneder for at undgå specialiseret hjælp."),
    "YC-02": ("Multisystemisk terapi (MST) for unge", "Terapeuter arbejder med den unge, familien, skolen og vennerne, med døgnvagt."),
    "YC-03": ("Psykolog for unge i almen praksis", "En ungepsykolog tilknyttet hver lægepraksis; kort hjælp tæt på hjemmet."),
    "YC-04": ("Online forældrekursus", "Seks online møder om forældreskab, med en chatlinje til spørgsmål."),
    "YC-05": ("Anbringelse på døgninstitution", "Specialiserede døgntilbud, købt hos regionale leverandører."),
    "WP-01": ("Jobmentor for unge", "En jobmentor til 18-27-årige uden job eller uddannelse, op til et år efter ansættelsen."),
    "WP-02": ("Individuelt planlagt job med støtte (IPS)", "Job først, så træning: lønnet arbejde for mennesker med svær psykisk sygdom."),
    "WP-03": ("Virksomhedspraktik", "Ulønnet praktik hos lokale virksomheder, med ydelsen som forsørgelse."),
    "WP-04": ("Opfølgningssamtaler med langvarige ydelsesmodtagere", "Årlig samtale om pligter og muligheder; stoppet i 2023 efter evalueringen."),
    "WP-05": ("Basale færdigheder til job (dansk og digitalt)", "Forslag: et kursus i basale færdigheder som første skridt på vejen mod job."),
    "WP-06": ("Løntilskud til socialøkonomiske virksomheder", "Løntilskud til socialøkonomiske virksomheder, der ansætter ledige langt fra arbejdsmarkedet."),
    "WP-07": ("Kommunal beskæftigelsesindsats i alle bydele", "Virksomhedsbesøg, et jobcenterkontor i hver bydel og en garanti for en første samtale."),
    "SS-01": ("Praktisk hjælp i hjemmet", "Hjælp til rengøring og husholdning til borgere, der ikke selv kan klare det."),
    "SS-02": ("Aflastning til pårørende", "Frivillige og dagpladser overtager omsorgen, så pårørende kan hvile."),
    "SS-03": ("Sociale teams i bydelene", "Ét team pr. bydel til spørgsmål om omsorg, job, økonomi og bolig."),
    "SS-04": ("Digital selvbetjening til ansøgninger", "Online ansøgning om støtte; erstattet af den regionale portal."),
    "HH-01": ("Bolig først (Housing First)", "Først en bolig, uden betingelser, med intensiv bostøtte."),
    "HH-02": ("Forebyggelse af udsættelser ved huslejerestance", "Boligselskaberne melder to måneders restance; en rådgiver kommer inden for en uge."),
    "HH-03": ("Natvarmestue", "Nødsenge, måltider og bad; 40 pladser, åbent hver nat."),
    "HH-04": ("Bostøtte til unge, der forlader anbringelse", "Værelser med en mentor til 18-23-årige, der forlader en anbringelse."),
    "PH-01": ("Sund skole-indsats", "Vand i stedet for sodavand, daglig bevægelse og sund skolemad i indskolingen."),
    "PH-02": ("Besøg mod ensomhed hos borgere over 75", "Uddannede frivillige besøger isolerede ældre hver uge i seks måneder."),
    "PH-03": ("Rygestop under graviditeten", "Forslag: jordemødre henviser til en rygestopvejleder; gavekort for hver røgfri måned."),
    "PH-04": ("Kurser i førstehjælp ved psykisk sygdom", "Et todageskursus for borgere, lærere og trænere."),
    "ED-01": ("Sprogstimulering i dagtilbud", "Seksten timers sprogstimulering om ugen til småbørn med risiko for forsinkelse."),
    "ED-02": ("Mentor mod frafald", "En mentor til elever med højt fravær, i samarbejde med skole og forældre."),
    "ED-03": ("Lektiecafé i medborgerhuse", "Frivillige hjælper elever med lektier fire eftermiddage om ugen."),
    "ED-04": ("Sommerskole før overgangen til udskolingen", "Tre ugers undervisning og aktiviteter i sommerferien; sluttede med tilskuddet."),
    "PD-01": ("Hurtig gældsrådgivning", "Første samtale inden for tre dage, stabilisering inden for en måned, én kontaktperson."),
    "PD-02": ("Tidlig opsporing af restancer", "Forsynings- og boligselskaber melder restancer; kommunen tilbyder hjælp."),
    "PD-03": ("Fritidspakke til børn", "Sport, musik, skoleture og en cykel til børn i familier med lav indkomst."),
    "PD-04": ("Kursus i privatøkonomi for unge", "Fire aftener om budget, kontrakter og gæld for 18-25-årige."),
    "PD-05": ("Forsøg med tillid i kontanthjælpen", "Færre krav og større fradrag for arbejdsindtægt for kontanthjælpsmodtagere; et forsøg."),
    "SF-01": ("Fængselsbesøg for at afskrække unge lovovertrædere (Scared Straight)", "Unge førstegangskriminelle besøger et fængsel og møder indsatte for at blive afskrækket."),
    "SF-02": ("Gadeplansmedarbejdere", "Opsøgende medarbejdere på gaden om aftenen i tre bydele."),
    "SF-03": ("Videoovervågning i bydelen", "Kameraer i centrum og ved stationen, overvåget live i weekenden."),
    "SF-04": ("Personorienteret indsats for unge gentagelseskriminelle", "Forslag: én koordinator pr. gentagelseskriminel, med politi og familieafdeling."),
    "EC-01": ("Faldforebyggende træning for borgere over 65", "Tolv ugers holdtræning i balance og styrke efter en faldrisikovurdering."),
    "EC-02": ("Dagtilbud til mennesker med demens", "Dagtilbud tre dage om ugen, med kørsel, fire steder i kommunen."),
    "EC-03": ("Forebyggende hjemmebesøg hos borgere over 75", "Et besøg hos alle borgere, der fylder 75; erstattet af forsøget mod ensomhed."),
    "EC-04": ("Velfærdsteknologi og sensorer i hjemmet", "Faldsensorer og nødkald, med et udrykningsteam døgnet rundt."),
    "IN-01": ("Kombineret sprog- og jobforløb for flygtninge", "Danskundervisning kombineret med virksomhedspraktik fra første måned."),
    "IN-02": ("Venneprogram for nytilkomne", "En frivillig fra lokalområdet mødes med en nytilkommen hver uge det første år."),
    "IN-03": ("Sprogcafé på biblioteket", "Forslag: et ugentligt samtalebord på dansk, drevet af frivillige."),
}

DA_INDICATORS: Final = {
    "population": ("population", "Indbyggere pr. 1. januar; nævneren i alle tal pr. indbygger."),
    "unemployment_rate": ("ledighed", "Registreret ledighed, % af arbejdsstyrken (kommuneniveau)."),
    "households_in_poverty": ("husstande_i_fattigdom", "Husstande med en indkomst under lavindkomstgrænsen, % (kommuneniveau)."),
    "youth_care_use_rate": ("børn_med_foranstaltning", "Børn og unge på 0-17 år med en foranstaltning, % (kommuneniveau)."),
    "early_school_leavers_rate": ("tidligt_frafald", "Elever, der forlader skolen uden en grundlæggende uddannelse, % (kommuneniveau)."),
    "youth_care_rereferral_rate": ("genhenvisning_specialiseret_hjælp", "Familier, der henvises til specialiseret hjælp igen inden for 12 måneder, % af deltagerne."),
    "out_of_home_placement_rate": ("anbringelser", "Unge, der anbringes uden for hjemmet inden for 12 måneder, % af deltagerne."),
    "specialist_referral_rate": ("henvisning_psykiatri", "Unge, der henvises videre til psykiatrien, % af de sete."),
    "paid_work_rate": ("i_beskæftigelse", "Deltagere i lønnet arbejde 12 måneder efter start, %."),
    "homelessness_days": ("dage_hjemløs", "Dage som hjemløs eller på herberg pr. deltager pr. år."),
    "tenancy_sustainment_rate": ("bevaret_bolig", "Husstande, der stadig bor i deres bolig 12 måneder efter første signal, %."),
    "debt_resolved_rate": ("gæld_afklaret", "Husstande med problematisk gæld, der er afklaret eller stabil efter 18 måneder, %."),
    "carer_overload_rate": ("overbelastede_pårørende", "Pårørende, der føler sig (meget) overbelastede, %."),
    "loneliness_rate": ("ensomhed", "Deltagere, der føler sig meget ensomme (De Jong Gierveld-skalaen), %."),
    "child_overweight_rate": ("overvægt_børn", "Skolebørn i indskolingen med overvægt eller svær overvægt, %."),
    "language_delay_rate": ("sprogforsinkelse", "Småbørn med en sproglig forsinkelse ved skolestart, %."),
    "school_dropout_rate": ("frafald", "Deltagere, der forlader skolen uden en grundlæggende uddannelse, %."),
    "school_absence_days": ("fraværsdage", "Dage med ulovligt fravær pr. elev pr. skoleår."),
    "fall_incident_rate": ("faldulykker", "Deltagere med et fald, der krævede lægehjælp, det seneste år, %."),
    "youth_reoffending_rate": ("tilbagefald_unge", "Unge med en ny sigtelse inden for 12 måneder, %."),
    "language_b1_rate": ("dansk_niveau_b1", "Flygtninge, der når dansk på niveau B1 inden for tre år, %."),
    "smoking_in_pregnancy_rate": ("rygning_under_graviditet", "Gravide, der ryger, %."),
    "wellbeing_score": ("trivsel", "Deltagernes selvvurderede trivsel, 1-10."),
    "self_reliance_score": ("selvhjulpenhed", "Borgernes score på selvhjulpenhedsskalaen, 1-5."),
}

NB_PROGRAMMES: Final = {
    YOUTH: ("Barnevern", "252", "Barneverntjenesten"),
    WORK: ("Arbeid og aktivitet (NAV)", "273", "NAV Fjellvik"),
    SUPPORT: ("Hjemmetjenester og avlastning", "254", "Helse og omsorg"),
    HOUSING: ("Bolig og bostedsløshet", "283", "Boligkontoret"),
    HEALTH: ("Folkehelse", "233", "Helsestasjonen"),
    EDUCATION: ("Grunnskole og oppvekst", "202", "Oppvekstetaten"),
    POVERTY: ("Økonomisk rådgivning og gjeld (NAV)", "281", "NAV Fjellvik – økonomisk rådgivning"),
    SAFETY: ("Trygghet og kriminalitetsforebygging", "338", "SLT Fjellvik"),
    ELDERLY: ("Eldreomsorg", "261", "Helse og omsorg – eldre"),
    INTEGRATION: ("Introduksjonsprogram og integrering", "275", "Flyktningtjenesten"),
}

NB_INTERVENTIONS: Final = {
    "YC-01": ("Familieveiledning i hjemmet", "Intensiv veiledning av familier hjemme i 6-12 måneder for å unngå tiltak fra spesialisthelsetjenesten."),
    "YC-02": ("Multisystemisk terapi (MST) for ungdom", "Terapeuter jobber med ungdommen, familien, skolen og vennene, med døgnvakt."),
    "YC-03": ("Psykisk helsearbeider for unge hos fastlegen", "En psykisk helsearbeider for unge på hvert legekontor; kort hjelp nær hjemmet."),
    "YC-04": ("Nettbasert foreldrekurs", "Seks nettmøter om foreldrerollen, med en chattelinje for spørsmål."),
    "YC-05": ("Barnevernsinstitusjon", "Spesialiserte institusjonsplasser, kjøpt fra regionale tilbydere."),
    "WP-01": ("Jobbcoach for unge (NAV)", "En jobbcoach for 18-27-åringer uten arbeid eller skole, inntil et år i jobben."),
    "WP-02": ("Individuell jobbstøtte (IPS)", "Jobb først, så opplæring: lønnet arbeid for personer med alvorlig psykisk lidelse."),
    "WP-03": ("Arbeidstrening", "Ulønnet arbeidstrening hos lokale arbeidsgivere, med stønad i tillegg."),
    "WP-04": ("Oppfølgingssamtaler med langtidsmottakere av stønad", "Årlig samtale om plikter og muligheter; avsluttet i 2023 etter evalueringen."),
    "WP-05": ("Grunnleggende ferdigheter for arbeid (norsk og digitalt)", "Forslag: et kurs i grunnleggende ferdigheter som første steg mot arbeid."),
    "WP-06": ("Lønnstilskudd til sosiale entreprenører", "Lønnstilskudd til sosiale entreprenører som ansetter folk langt fra arbeidslivet."),
    "WP-07": ("Kommunedekkende jobbsatsing", "Bedriftsbesøk, et jobbkontor i hver bydel og garantert en første samtale."),
    "SS-01": ("Praktisk bistand i hjemmet", "Hjelp med rengjøring og husarbeid for innbyggere som ikke klarer det selv."),
    "SS-02": ("Avlastning for pårørende", "Frivillige og dagplasser tar over omsorgen, slik at pårørende får hvile."),
    "SS-03": ("Tverrfaglige team i bydelene", "Ett team per bydel for spørsmål om omsorg, arbeid, økonomi og bolig."),
    "SS-04": ("Digital søknadsportal", "Nettsøknad om tjenester; erstattet av den regionale portalen."),
    "HH-01": ("Bolig først (Housing First)", "Først en bolig, uten vilkår, med tett oppfølging hjemme."),
    "HH-02": ("Forebygging av utkastelse ved husleierestanse", "Utleierne melder to måneders restanse; en veileder kommer innen en uke."),
    "HH-03": ("Nattherberge", "Nødsenger, måltider og dusj; 40 plasser, åpent hver natt."),
    "HH-04": ("Bolig med oppfølging for unge som forlater barnevernet", "Hybler med en mentor for 18-23-åringer som forlater barnevernet."),
    "PH-01": ("Helsefremmende skole", "Vann i stedet for brus, daglig fysisk aktivitet og sunn skolemat på barneskolene."),
    "PH-02": ("Hjemmebesøk mot ensomhet for personer over 75", "Opplærte frivillige besøker isolerte eldre hver uke i seks måneder."),
    "PH-03": ("Røykeslutt i svangerskapet", "Forslag: jordmødre henviser til en veileder; gavekort for hver røykfri måned."),
    "PH-04": ("Kurs i psykisk førstehjelp", "Et todagerskurs for innbyggere, lærere og trenere."),
    "ED-01": ("Språkstimulering i barnehagen", "Seksten timer språkstimulering i uken for småbarn med risiko for forsinkelse."),
    "ED-02": ("Oppfølging mot frafall", "En veileder for elever med høyt fravær, sammen med skole og foresatte."),
    "ED-03": ("Leksehjelp på fritidsklubben", "Frivillige hjelper elever med lekser fire ettermiddager i uken."),
    "ED-04": ("Sommerskole før overgangen til ungdomsskolen", "Tre uker med undervisning og aktiviteter i sommerferien; avsluttet med tilskuddet."),
    "PD-01": ("Rask gjeldsrådgivning (NAV)", "Første samtale innen tre dager, stabilisering innen en måned, én kontaktperson."),
    "PD-02": ("Tidlig varsling av betalingsproblemer", "Strøm-, vann- og boligselskaper melder restanser; kommunen tilbyr hjelp."),
    "PD-03": ("Fritidskort for barn", "Idrett, musikk, skoleturer og en sykkel for barn i familier med lav inntekt."),
    "PD-04": ("Kurs i personlig økonomi for unge voksne", "Fire kvelder om budsjett, avtaler og gjeld for 18-25-åringer."),
    "PD-05": ("Tillitsforsøk i sosialhjelpen", "Færre vilkår og mer tillatt arbeidsinntekt for sosialhjelpsmottakere; et forsøk."),
    "SF-01": ("Fengselsbesøk for å skremme unge lovbrytere (Scared Straight)", "Unge førstegangslovbrytere besøker et fengsel og møter innsatte for å skremmes."),
    "SF-02": ("Utekontakter", "Utekontakter på gaten om kveldene i tre bydeler."),
    "SF-03": ("Kameraovervåking i sentrum", "Kameraer i sentrum og ved stasjonen, fulgt direkte i helgene."),
    "SF-04": ("Personrettet oppfølging av unge gjengangere", "Forslag: én koordinator per gjenganger, med politi og barnevern."),
    "EC-01": ("Fallforebyggende trening for personer over 65", "Tolv ukers gruppetrening i balanse og styrke etter en vurdering av fallrisiko."),
    "EC-02": ("Dagaktivitetstilbud for personer med demens", "Dagtilbud tre dager i uken, med transport, på fire steder."),
    "EC-03": ("Forebyggende hjemmebesøk til 75-åringer", "Et besøk til alle innbyggere som fyller 75; erstattet av forsøket mot ensomhet."),
    "EC-04": ("Velferdsteknologi og sensorer hjemme", "Fallsensorer og trygghetsalarm, med et utrykningsteam hele døgnet."),
    "IN-01": ("Kombinert norsk- og arbeidsløp for flyktninger", "Norskopplæring kombinert med arbeidspraksis fra første måned."),
    "IN-02": ("Vennskapsprogram for nyankomne", "En frivillig fra nærmiljøet møter en nyankommen hver uke det første året."),
    "IN-03": ("Språkkafé på biblioteket", "Forslag: et ukentlig samtalebord på norsk, drevet av frivillige."),
}

NB_INDICATORS: Final = {
    "population": ("population", "Innbyggere per 1. januar; nevneren i alle tall per innbygger."),
    "unemployment_rate": ("ledighet", "Registrert ledighet, % av arbeidsstyrken (kommunenivå)."),
    "households_in_poverty": ("husholdninger_med_lavinntekt", "Husholdninger med inntekt under lavinntektsgrensen, % (kommunenivå)."),
    "youth_care_use_rate": ("barn_med_barneverntiltak", "Barn og unge 0-17 år med barneverntiltak, % (kommunenivå)."),
    "early_school_leavers_rate": ("frafall_videregående", "Elever som slutter uten fullført videregående opplæring, % (kommunenivå)."),
    "youth_care_rereferral_rate": ("ny_henvisning_barnevern", "Familier som henvises til barnevernet på nytt innen 12 måneder, % av deltakerne."),
    "out_of_home_placement_rate": ("plassering_utenfor_hjemmet", "Unge som plasseres utenfor hjemmet innen 12 måneder, % av deltakerne."),
    "specialist_referral_rate": ("henvisning_bup", "Unge som henvises videre til BUP, % av dem som er sett."),
    "paid_work_rate": ("i_arbeid", "Deltakere i lønnet arbeid 12 måneder etter oppstart, %."),
    "homelessness_days": ("dager_bostedsløs", "Dager som bostedsløs eller på herberge per deltaker per år."),
    "tenancy_sustainment_rate": ("beholdt_bolig", "Husholdninger som fortsatt bor i boligen 12 måneder etter første varsel, %."),
    "debt_resolved_rate": ("gjeld_avklart", "Husholdninger med problemgjeld som er avklart eller stabil etter 18 måneder, %."),
    "carer_overload_rate": ("overbelastede_pårørende", "Pårørende som opplever å være (svært) overbelastet, %."),
    "loneliness_rate": ("ensomhet", "Deltakere som opplever sterk ensomhet (De Jong Gierveld-skalaen), %."),
    "child_overweight_rate": ("overvekt_barn", "Barneskolebarn med overvekt eller fedme, %."),
    "language_delay_rate": ("språkforsinkelse", "Småbarn med språkforsinkelse ved skolestart, %."),
    "school_dropout_rate": ("frafall", "Deltakere som slutter skolen uten grunnleggende kvalifikasjon, %."),
    "school_absence_days": ("fraværsdager", "Dager med ugyldig fravær per elev per skoleår."),
    "fall_incident_rate": ("fallulykker", "Deltakere med et fall som krevde legehjelp det siste året, %."),
    "youth_reoffending_rate": ("tilbakefall_unge", "Unge med en ny anmeldelse innen 12 måneder, %."),
    "language_b1_rate": ("norsk_nivå_b1", "Flyktninger som når norsk på nivå B1 innen tre år, %."),
    "smoking_in_pregnancy_rate": ("røyking_i_svangerskapet", "Gravide som røyker, %."),
    "wellbeing_score": ("livskvalitet", "Deltakernes egenvurderte livskvalitet, 1-10."),
    "self_reliance_score": ("mestring", "Brukernes skåre på mestringsskalaen, 1-5."),
}
# fmt: on

COUNTRIES: Final[dict[str, Country]] = {
    "nl": Country(
        code="nl",
        settings_country="NL",
        language="nl",
        home="Eemsdal",
        peers=("Brakelveen", "Heuvelrade", "Lindenwoude", "Zuidervaart"),
        currency="EUR",
        scale=Decimal(1),
        budget_header=BUDGET_HEADER,
        thousands=".",
        programmes=NL_PROGRAMMES,
        interventions=NL_INTERVENTIONS,
        indicators=NL_INDICATORS,
        units={
            "inhabitants": "inwoners",
            "days": "dagen",
            "score (1-10)": "cijfer (1-10)",
            "score (1-5)": "punten (1-5)",
        },
    ),
    "dk": Country(
        code="dk",
        settings_country="DK",
        language="da",
        home="Bækkeby",
        peers=("Egelund", "Havnsø", "Skovbjerg", "Åmark"),
        currency="DKK",
        scale=Decimal("7.5"),
        budget_header=(
            ("year", "år"),
            ("programme", "program"),
            ("programme_code", "funktion"),
            ("intervention_id", "indsats"),
            ("budgeted", "budget"),
            ("actual", "regnskab"),
            ("municipality", "kommune"),
            ("currency", "valuta"),
        ),
        thousands=".",
        programmes=DA_PROGRAMMES,
        interventions=DA_INTERVENTIONS,
        indicators=DA_INDICATORS,
        units={
            "inhabitants": "indbyggere",
            "days": "dage",
            "score (1-10)": "point (1-10)",
            "score (1-5)": "point (1-5)",
        },
    ),
    "no": Country(
        code="no",
        settings_country="NO",
        language="nb",
        home="Fjellvik",
        peers=("Elvdal", "Breheim", "Sjøvika", "Nordstrand"),
        currency="NOK",
        scale=Decimal("11.5"),
        budget_header=(
            ("year", "år"),
            ("programme", "program"),
            ("programme_code", "funksjon"),
            ("intervention_id", "tiltak"),
            ("budgeted", "budsjett"),
            ("actual", "regnskap"),
            ("municipality", "kommune"),
            ("currency", "valuta"),
        ),
        thousands="",
        programmes=NB_PROGRAMMES,
        interventions=NB_INTERVENTIONS,
        indicators=NB_INDICATORS,
        units={
            "inhabitants": "innbyggere",
            "days": "dager",
            "score (1-10)": "poeng (1-10)",
            "score (1-5)": "poeng (1-5)",
        },
    ),
}
DEFAULT_COUNTRY: Final = "nl"
