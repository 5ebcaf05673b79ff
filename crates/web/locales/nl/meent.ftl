# Meent — Nederlandse teksten van de webinterface (de standaardtaal).
# Elke sleutel hier staat ook in ../en/meent.ftl; een test controleert dat.

## Opbouw van elke pagina
skip-to-content = Naar de inhoud
nav-label = Hoofdmenu
nav-home = Start
nav-write = Dilemma schrijven
nav-follow = Collectieven volgen
nav-notifications = Meldingen
nav-unread = { $count } nieuw
nav-manage = Beheer
nav-settings = Instellingen
nav-logout = Uitloggen
nav-login = Inloggen
nav-register = Account aanmaken
footer-tagline = Meent — kennis delen tussen bewonerscollectieven.
language-switch = English
language-browser = Zoals mijn browser
language-nl = Nederlands
language-en = Engels

## Startpagina
home-title = Start
home-welcome = Welkom, { $name }
home-feed = Dilemma's van je collectieven en wie je volgt
home-feed-empty = Hier is nog niets te zien. Schrijf een dilemma waar jouw collectief mee zit, of volg collectieven die met hetzelfde bezig zijn.
home-intro = Bewonerscollectieven lopen tegen dezelfde vragen aan: wie mag de sleutel van het buurthuis hebben, hoe kom je aan budget van de gemeente, hoe schrijf je een ondernemingsplan? Hier delen ze hun dilemma's en de oplossingen die werkten.
home-recent = Nieuwste dilemma's
home-recent-empty = Er zijn nog geen openbare dilemma's.
home-collectives = Collectieven op deze server
field-theme = Thema
field-status = Stand
filter-all-themes = Alle thema's
filter-all-statuses = Alle
filter-apply = Toon

## Eerste start
setup-title = Meent instellen
setup-intro = Welkom! Maak eerst het collectief aan dat deze server gebruikt, en een account voor jezelf als beheerder. Daarna kun je meteen een eerste dilemma schrijven.
setup-collective = Jullie collectief
setup-admin = Jouw account (beheerder)
setup-submit = Aanmaken en beginnen
field-collective-name = Naam van het collectief
field-collective-handle = Korte naam (voor het webadres)
field-kind = Soort collectief
field-municipality = Gemeente
hint-handle = Alleen kleine letters, cijfers en _, bijvoorbeeld buurtkamer_oost.

## Accounts
field-display-name = Je naam
field-username = Gebruikersnaam
field-password = Wachtwoord
field-password-again = Wachtwoord nog een keer
hint-password = Minstens 10 tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden.
field-invite = Uitnodigingscode
field-join-collective = Bij welk collectief hoor je?
login-title = Inloggen
login-submit = Inloggen
login-no-account = Nog geen account?
register-title = Account aanmaken
register-intro-approval = Na het aanmaken keurt een coördinator van je collectief je account goed. Daarna kun je inloggen.
register-intro-open = Maak een account aan en doe meteen mee met je collectief.
register-intro-invite = Op deze server heb je een uitnodiging nodig van een coördinator van je collectief.
register-intro-invited = Je bent uitgenodigd voor { $collective }. Met dit account doe je meteen mee; niemand hoeft het eerst goed te keuren.
register-submit = Account aanmaken
registered-title = Bijna klaar
registered-pending = Je account is aangemaakt. Een coördinator van je collectief keurt het goed; daarna kun je inloggen.

## Instellingen
settings-title = Instellingen
settings-saved = Je instellingen zijn bewaard.
settings-notifications = Meldingen die je wilt krijgen
settings-notify-solutions = Een nieuwe oplossing voor mijn dilemma
settings-notify-acceptances = Mijn oplossing is geaccepteerd
settings-notify-confirmations = Iemand bevestigt mijn oplossing
settings-notify-follow-requests = Een verzoek om mijn collectief te volgen
settings-save = Bewaren
field-language = Taal
password-title = Wachtwoord wijzigen
password-submit = Wachtwoord wijzigen
password-changed = Je wachtwoord is gewijzigd. Je bent op andere apparaten uitgelogd.
field-current-password = Huidig wachtwoord
field-new-password = Nieuw wachtwoord

## Foutmeldingen bij formulieren
error-wrong-credentials = De gebruikersnaam of het wachtwoord klopt niet.
error-pending = Je account wacht nog op goedkeuring door een coördinator.
error-password-short = Het wachtwoord is te kort: gebruik minstens 10 tekens.
error-password-long = Het wachtwoord is te lang.
error-password-common = Dit wachtwoord wordt vaak als eerste geprobeerd (een gewoon woord, een rij toetsen, herhaling of je eigen naam). Een paar losse woorden achter elkaar is een goed wachtwoord.
error-passwords-differ = De twee wachtwoorden zijn niet hetzelfde.
error-current-password = Je huidige wachtwoord klopt niet.
error-name-taken = Deze naam is al in gebruik. Kies een andere.
error-bad-name = Een naam bestaat uit kleine letters, cijfers en _ (hoogstens 64 tekens).
error-bad-invite = Deze uitnodigingscode is onbekend of al gebruikt.
error-invite-required = Op deze server kun je alleen met een uitnodiging een account maken.
error-no-collective = Kies het collectief waar je bij hoort.
error-already-set-up = Deze server is al ingesteld. Log in met je account.
error-collective-name = Geef het collectief een naam.
error-kind = Kies de soort collectief.
error-title-empty = Geef je dilemma een titel.
error-title-long = De titel is te lang: hoogstens 200 tekens.
error-body-empty = Beschrijf je dilemma.
error-body-long = De tekst is te lang: hoogstens 50.000 tekens.
error-theme = Kies minstens één thema.
error-hashtags = Hashtags bestaan uit letters, cijfers en _ (hoogstens 10, elk hoogstens 50 tekens).
error-visibility = Kies wie het dilemma mag zien.
error-facet = Een van de gegevens over jullie situatie klopt niet.
error-no-own-collective = Je hoort nog bij geen collectief. Vraag een coördinator om je toe te voegen.
error-follow-target = Dat is geen naam als @buurtkamer@voorbeeld.nl en geen webadres.
error-follow-not-found = Dat collectief is niet gevonden.
error-follow-not-a-collective = Dat is het account van een persoon, geen collectief. Je kunt hier alleen collectieven volgen.
error-follow-not-allowed = Dat adres is hier niet toegestaan (een intern of eigen adres van de server).
error-follow-remote = De server van dat collectief antwoordt niet goed. Probeer het later nog eens.
error-last-coordinator = Een collectief houdt minstens één coördinator.

## Meldingen als iets misgaat
problem-not-found-title = Niet gevonden
problem-not-found = Deze pagina bestaat niet (meer), of je mag hem niet zien.
problem-forbidden-title = Niet toegestaan
problem-forbidden = Dit mag alleen de schrijver of een coördinator van het collectief.
problem-invalid-title = Dat lukte niet
problem-invalid = Controleer wat je hebt ingevuld en probeer het opnieuw.
problem-remote-title = Andere server antwoordt niet
problem-remote = Een andere server antwoordde niet goed. Probeer het later nog eens.
problem-too-many-title = Even wachten
problem-too-many = Er kwamen te veel pogingen achter elkaar. Wacht een paar minuten en probeer het dan opnieuw.
problem-internal-title = Er ging iets mis
problem-internal = Er ging bij ons iets mis. Je gegevens zijn veilig; probeer het zo nog eens.
problem-form-title = Formulier niet verwerkt
problem-form-forged = Dit formulier is verlopen of kwam niet van deze site. Ga terug, laad de pagina opnieuw en probeer het nog eens.
problem-form-malformed = Dit formulier kon niet gelezen worden. Ga terug en probeer het nog eens.
problem-back-home = Naar de startpagina
problem-back-dilemma = Terug naar het dilemma

## Dilemma schrijven
write-title = Een dilemma schrijven
write-edit-title = Dilemma bewerken
write-intro = Beschrijf waar jullie mee zitten. Andere collectieven die hetzelfde hebben meegemaakt, kunnen je dan helpen.
write-welcome = Alles staat klaar. Schrijf nu je eerste dilemma.
write-preview-title = Zo ziet het eruit
write-preview = Voorbeeld bekijken
write-publish = Plaatsen
write-save = Wijzigingen bewaren
field-for-collective = Namens collectief
field-title = Titel
hint-title = Een korte vraag, bijvoorbeeld: "Wie mag de sleutel van het buurthuis hebben?"
field-body = Beschrijving
hint-body = Wat is de situatie, wat hebben jullie al geprobeerd? Je kunt Markdown gebruiken: **vet**, *schuin*, lijstjes met -.
field-themes = Thema's
field-hashtags = Hashtags
hint-hashtags = Eigen trefwoorden, gescheiden door spaties, bijvoorbeeld: sleutelbeheer buurthuis
field-context = Jullie situatie
hint-context = Dit helpt anderen te zien of hun oplossing ook bij jullie past. Alles is vrijwillig.
field-building-owner = Eigenaar van het gebouw
field-legal-form = Rechtsvorm
field-collective-size = Grootte van het collectief
field-budget-range = Budget
field-content-language = Taal van het dilemma
field-visibility = Wie mag het zien?
choice-unknown = Zeg ik liever niet / weet ik niet

## Dilemmapagina
asked-by = gevraagd door { $name }
solved-by = opgelost door { $names }
likes =
    { $count ->
        [one] 1 waardering
        *[other] { $count } waarderingen
    }
like = Waarderen
unlike = Waardering intrekken
edit = Bewerken
close = Sluiten
reopen = Heropenen
solutions-count =
    { $count ->
        [0] Oplossingen
        [one] 1 oplossing
        *[other] { $count } oplossingen
    }
solutions-none = Nog geen oplossingen. Weet jij iets dat werkte?
solution-by = Oplossing van { $name }
content-warning = Let op, gevoelige inhoud
on-behalf-of = namens
confirmed-by = Zo werkte het bij andere collectieven
accepted = Geaccepteerd
from-experience = Uit eigen ervaring
confirmations =
    { $count ->
        [one] 1 bevestiging
        *[other] { $count } bevestigingen
    }
accept = Accepteren als oplossing
unaccept = Niet meer accepteren
confirm-open = Dit werkte bij ons ook
field-confirm-for = Namens collectief
field-confirm-account = Hoe werkte het bij jullie?
confirm-submit = Bevestigen
confirm-withdraw = Bevestiging intrekken
reply = Reageren
comment-open = Reageren op deze oplossing
field-comment = Je reactie
comment-submit = Reactie plaatsen
answer-title = Een oplossing geven
field-solution = Jouw oplossing
hint-solution = Vertel wat bij jullie werkte en hoe. Je kunt Markdown gebruiken.
field-speaks-for = Namens
speaks-for-self = Mezelf
field-from-experience = Dit komt uit eigen ervaring van ons collectief
answer-submit = Oplossing plaatsen
login-to-answer = Log in om een oplossing te geven.

## Collectieven en volgen
follow = Volgen
unfollow = Niet meer volgen
follow-pending = Je verzoek om te volgen wacht op goedkeuring.
collective-handle = Volgen vanaf een andere server
collective-followers = Volgers
collective-new-followers = Nieuwe volgers
collective-open = worden direct toegelaten
collective-closed = worden eerst door een coördinator goedgekeurd
collective-dilemmas = Dilemma's
collective-no-dilemmas = Dit collectief heeft nog geen dilemma's die jij kunt zien.
collective-members = Leden
collective-no-members = Nog geen leden.
role-member = Lid
role-coordinator = coördinator
role-remove = Verwijderen uit collectief
member-active-in = Actief in
follow-title = Collectieven volgen
follow-intro = Volg een collectief op een andere Meent-server (of Lemmy) om hun dilemma's op je startpagina te zien en erop te antwoorden.
follow-done = Gelukt. Zodra het collectief je toelaat, zie je hun dilemma's op je startpagina.
follow-stop = Niet meer volgen
follow-stop-named = { $name } niet meer volgen
follow-stopped = Je volgt dat collectief niet meer.
field-follow-target = Naam of webadres van het collectief
hint-follow-target = Bijvoorbeeld @buurtkamer@meent.voorbeeld.nl of https://meent.voorbeeld.nl/c/buurtkamer
follow-following = Wie je volgt
follow-none = Je volgt nog geen collectieven.
follow-state-accepted = volgend
follow-state-pending = wacht op goedkeuring
follow-state-rejected = afgewezen

## Meldingen
notifications-title = Meldingen
notifications-none = Geen meldingen.
notification-solution = { $name } gaf een oplossing voor je dilemma.
notification-acceptance = { $name } accepteerde je oplossing.
notification-confirmation = { $name } bevestigde dat je oplossing bij hen ook werkte.
notification-follow-request = { $name } wil je collectief volgen.
notification-open = Bekijken
notification-decide = Beslissen

## Beheer
manage-title = Beheer
manage-registrations = Nieuwe accounts om goed te keuren
manage-follow-requests = Verzoeken om te volgen
manage-no-follow-requests = Geen verzoeken.
manage-peers = Andere servers
manage-peers-intro = Hoe het bezorgen naar andere servers gaat. Een weigering betekent dat die server iets van hier niet aannam; de reden staat erbij.
manage-no-peers = Nog niets naar andere servers gestuurd.
manage-peer-host = Server
manage-peer-state = Toestand
manage-peer-last-success = Laatst gelukt
manage-peer-refusals = Geweigerd
manage-peer-last-refusal = Laatste weigering
manage-peer-queued = In de wachtrij
peer-state-healthy = Bereikbaar
peer-state-backing-off = Even niet bereikbaar
peer-state-dead = Al lang onbereikbaar
manage-members = Leden en rollen
manage-member = Lid
manage-role = Rol
manage-role-of = Rol van { $name }
manage-invite = Uitnodiging maken
manage-invite-made = Stuur deze link naar wie je uitnodigt. Hij werkt één keer en wordt niet nog eens getoond.
manage-invite-link = Uitnodigingslink
approve = Goedkeuren
reject = Afwijzen
save = Bewaren

## Vaste lijsten
status-open = Open
status-solved = Opgelost
status-closed = Gesloten
visibility-public = Openbaar
visibility-public-hint = Iedereen kan het zien, ook op andere servers.
visibility-followers = Alleen volgers
visibility-followers-hint = Alleen goedgekeurde volgers van jullie collectief.
visibility-internal = Alleen ons collectief
visibility-internal-hint = Alleen leden van jullie collectief; het verlaat deze server nooit.
kind-residents_collective = Bewonerscollectief
kind-tenants_committee = Bewonerscommissie
kind-residents_initiative = Bewonersinitiatief
kind-core_group = Kerngroep
kind-support_organisation = Ondersteuningsorganisatie
theme-keys_and_access = Sleutels en toegang tot gebouwen
theme-budgets_and_subsidies = Budgetten en subsidies
theme-business_plan_and_financing = Ondernemingsplan en financiering
theme-running_a_community_building = Een buurthuis runnen
theme-working_with_the_municipality = Samenwerken met de gemeente
theme-working_with_the_housing_association = Samenwerken met de woningcorporatie
theme-renovation_and_rehousing = Renovatie en herhuisvesting
theme-volunteers_and_organisation = Vrijwilligers en organisatie
theme-care_and_support = Zorg en ondersteuning
theme-safety_and_liveability = Veiligheid en leefbaarheid
theme-communication_and_participation = Communicatie en participatie
theme-legal_form_and_governance = Rechtsvorm en bestuur
building_owner-municipality = Gemeente
building_owner-housing_association = Woningcorporatie
building_owner-private = Particuliere eigenaar
building_owner-own = Wijzelf
legal_form-informal = Informele groep
legal_form-association = Vereniging
legal_form-foundation = Stichting
legal_form-cooperative = Coöperatie
collective_size-up_to_5 = Tot 5 mensen
collective_size-6_to_15 = 6 tot 15 mensen
collective_size-16_to_50 = 16 tot 50 mensen
collective_size-over_50 = Meer dan 50 mensen
budget_range-none = Geen budget
budget_range-up_to_1000 = Tot € 1.000
budget_range-1000_to_10000 = € 1.000 tot € 10.000
budget_range-10000_to_100000 = € 10.000 tot € 100.000
budget_range-over_100000 = Meer dan € 100.000

nav-search = Zoeken
search-title = Zoeken
search-field = Waar zoek je naar?
search-hint = Een paar woorden, of plak een adres of @naam@server om een collectief, dilemma of persoon van een andere server te openen.
search-scope = Waar zoeken
search-scope-local = Alles wat deze server kent
search-scope-network = Ook bij andere servers
search-filters = Filters
filter-all-kinds = Alle soorten
filter-all-languages = Alle talen
search-has-accepted = Met een geaccepteerde oplossing
search-confirmed = Bevestigd door andere collectieven
search-submit = Zoeken
search-not-found = Dat adres of die naam is niet gevonden. Controleer de schrijfwijze.
search-too-long = Die zoekvraag is te lang: gebruik hoogstens 400 tekens en 32 woorden.
search-sign-in-to-look-up = Log eerst in om een adres of naam op een andere server op te zoeken.
search-network-sign-in = Zoeken op andere servers kan als je bent ingelogd.
search-found-collective = Een collectief op een andere server. Volg het om zijn dilemma's te zien.
search-count =
    { $count ->
        [0] Niets gevonden
        [one] 1 dilemma gevonden
        *[other] { $count } dilemma's gevonden
    }
search-none = Probeer andere woorden of minder filters.
search-pages = Meer resultaten
search-previous = Vorige
search-next = Volgende
search-network-title = Bij andere servers
search-network-none = Andere servers vonden niets anders.
search-unreachable = Geen antwoord van:
search-in-solution = In een oplossing:
search-origin = van { $host }
search-solutions =
    { $count ->
        [one] 1 oplossing
        *[other] { $count } oplossingen
    }
search-accepted-count =
    { $count ->
        [one] 1 geaccepteerd
        *[other] { $count } geaccepteerd
    }
similar-title = Lijkt op
similar-intro = Deze dilemma's lijken op dit dilemma. Misschien staat het antwoord er al bij.
similar-writing = Zijn deze dilemma's al eens opgelost? Kijk even voor je publiceert.
documents-title = Documenten
documents-none = Nog geen documenten. Voeg bijvoorbeeld een sleutelafspraak, begroting of ondernemingsplan toe.
document-add = Document toevoegen
field-document-file = Bestand
hint-document-file = PDF, ODT, DOCX, ODS, XLSX, CSV of een afbeelding (PNG, JPEG, WebP), hoogstens 10 MB.
field-document-title = Titel van het document
field-document-kind = Soort document
field-document-licence = Licentie
hint-document-licence = Met een CC-licentie mogen andere collectieven het document hergebruiken.
document-submit = Toevoegen
document-elsewhere = op een andere server
document-refused-title = Document niet toegevoegd
error-document-title = Geef het document een titel.
error-document-choice = Kies een soort document en een licentie uit de lijst.
error-document-file = Kies een bestand om toe te voegen.
error-document-size = Het bestand is groter dan 10 MB. Maak het kleiner of splits het op.
error-document-type = Dit soort bestand kan niet worden toegevoegd. Gebruik PDF, ODT, DOCX, ODS, XLSX, CSV, PNG, JPEG of WebP.
doc-kind-key_agreement = Sleutelafspraak
doc-kind-budget = Begroting
doc-kind-business_plan = Ondernemingsplan
doc-kind-financing_plan = Financieringsplan
doc-kind-template = Sjabloon
doc-kind-other = Overig
licence-cc-by-4-0 = CC BY 4.0 (hergebruik met naamsvermelding)
licence-cc-by-sa-4-0 = CC BY-SA 4.0 (hergebruik met naamsvermelding, onder dezelfde licentie)
licence-cc0-1-0 = CC0 (vrij te gebruiken)
licence-all-rights-reserved = Alle rechten voorbehouden (alleen inzien)

## Bijeenkomsten (sessions)
session-kind = Bijeenkomst
session-when = Wanneer
session-mode = Vorm
session-mode-online = Online
session-mode-physical = Op locatie
session-mode-hybrid = Op locatie en online
session-place = Plaats
session-link = Link om deel te nemen
session-places = Plaatsen
session-places-taken = { $count } bezet
session-no-limit = geen maximum
session-ics = In je agenda zetten (.ics)
session-about = Over deze dilemma's
session-registrations = Aanmeldingen
session-no-registrations = Nog geen collectieven aangemeld.
session-register-for = Aanmelden namens
session-register = Aanmelden
session-cancel-registration = Afmelden
session-cancel = Bijeenkomst afzeggen
registration-pending = verstuurd, wacht op antwoord
registration-accepted = aangemeld
registration-waiting = op de wachtlijst
registration-cancelled = afgemeld
registration-rejected = niet toegelaten
session-new-title = Nieuwe bijeenkomst
session-new-intro = Organiseer een bijeenkomst namens { $collective } waar collectieven samen een dilemma bespreken.
session-create = Bijeenkomst aanmaken
session-edit = Bijeenkomst wijzigen
session-edit-title = Bijeenkomst wijzigen
session-edit-intro = Wie zich heeft aangemeld, ziet de wijziging ook op de eigen server.
session-save = Wijzigingen opslaan
field-session-dilemma = Webadres van het dilemma
hint-session-dilemma = Het adres van een openbaar dilemma, op deze of een andere server.
field-session-description = Toelichting
field-session-starts = Begint op
field-session-ends = Eindigt op
hint-session-time = In Nederlandse tijd (Europe/Amsterdam).
hint-session-link = Alleen aangemelde collectieven zien deze link.
field-session-capacity = Aantal plaatsen
hint-session-capacity = Hoeveel collectieven kunnen meedoen; leeg laten voor geen maximum. Wie daarna komt, staat op de wachtlijst.
error-session-title = Geef de bijeenkomst een titel.
error-session-mode = Kies een vorm: online, op locatie of allebei.
error-session-time = Vul een begin- en eindtijd in, zoals 14-01-2027 19:30.
error-session-end = De bijeenkomst moet eindigen na het begin.
error-session-past = De bijeenkomst moet in de toekomst liggen.
error-session-capacity = Het aantal plaatsen is een heel getal vanaf 1, of leeg.
error-session-dilemma = Vul het webadres in van het dilemma waar de bijeenkomst over gaat.
error-session-invalid = Dit kon niet worden opgeslagen: controleer of het dilemma openbaar is en de link met https:// begint.
collective-sessions = Bijeenkomsten
collective-calendar = Agenda (.ics)
collective-new-session = Bijeenkomst organiseren
dilemma-sessions = Bijeenkomsten over dit dilemma
dilemma-organise-session = Bijeenkomst over dit dilemma organiseren
session-outcome = Uitkomst
session-took-part = Deelgenomen:
session-write-outcome = Uitkomst vastleggen
field-session-conclusions = Conclusies
field-session-candidate = Voorgestelde oplossing
hint-session-candidate = Komt als oplossing bij het dilemma, gemarkeerd als 'uit bijeenkomst'. Het collectief van het dilemma kan hem accepteren.
session-save-outcome = Uitkomst opslaan
solution-from-session = uit bijeenkomst
settings-notify-session-reminders = Een herinnering een dag voor een bijeenkomst waar je collectief is aangemeld
notification-session-reminder = Morgen: een bijeenkomst van { $name } waar je collectief is aangemeld.
settings-notify-mentions = Iemand noemt mij (@naam) in een dilemma, oplossing of reactie
notification-mention = { $name } noemde je in een oplossing of reactie.
notification-mention-dilemma = { $name } noemde je in een dilemma.
notification-invitation = { $name } vraagt of je wilt helpen met een dilemma.
dilemma-invitations = Gevraagd om te helpen
invitation-answered = heeft geantwoord
invitation-waiting = nog geen antwoord
field-invite-target = Wie wil je vragen?
hint-invite-target = Een collectief of persoon als @naam@server, op deze of een andere server. Zij krijgen een melding.
invite = Vragen om te helpen
desk-title = Werktafel
desk-intro = Open dilemma's van de collectieven die jullie volgen: wie het langst op een antwoord wacht, staat bovenaan.
desk-all-themes = Alle thema's
desk-filter = Filteren
desk-empty = Geen open dilemma's bij de collectieven die jullie volgen.
desk-answers = { $count } antwoorden
desk-waiting-since = wacht sinds
desk-invitations = { $count } gevraagd
desk-sessions = { $count } bijeenkomsten
desk-wider-title = Elders in het netwerk
desk-wider-intro = Open dilemma's van collectieven die jullie niet volgen, hier en op de andere servers die deze server kent.
desk-wider-ask = Ook elders zoeken
desk-wider-empty = Geen andere open dilemma's gevonden.
desk-wider-on = op { $host }
desk-wider-unreachable = Geen antwoord van: { $hosts }
desk-solutions = { $count } oplossingen
desk-asked-on = gevraagd op

## Leerlijnen (learning programmes)
collective-programmes = Leerlijnen
collective-new-programme = Leerlijn samenstellen
programme-kind = Leerlijn
programme-steps = Stappen
programme-target-dilemma = Dilemma
programme-target-solution = Oplossing
programme-target-document = Document
programme-target-session = Bijeenkomst
programme-done-for = Gedaan door { $collective }
programme-notes = Aantekeningen
programme-save-progress = Voortgang opslaan
programme-progress = Voortgang van de collectieven
programme-progress-caption = Welke stappen elk collectief dat de leerlijn volgt heeft gedaan
programme-no-followers = Nog geen collectieven volgen deze leerlijn.
programme-collective = Collectief
programme-step-n = Stap { $n }
programme-step-done = gedaan
programme-delete = Leerlijn verwijderen
programme-followed-by = { $collective } volgt deze leerlijn.
programme-unfollow = Niet meer volgen
programme-follow-for = Volgen namens
programme-follow = Leerlijn volgen
programme-new-title = Nieuwe leerlijn
programme-new-intro = Stel namens { $collective } een leerlijn samen: stappen langs dilemma's, oplossingen, documenten en bijeenkomsten, op deze of andere servers.
field-programme-description = Waar gaat de leerlijn over en voor wie is hij?
hint-programme-steps = Elke stap heeft een korte tekst en het webadres van een openbaar dilemma, een oplossing, een document of een bijeenkomst. Laat stappen die je niet nodig hebt leeg.
field-step-text = Wat doe je in deze stap?
field-step-target = Webadres
programme-create = Leerlijn aanmaken
error-programme-title = Geef de leerlijn een titel.
error-programme-steps = Vul minstens één stap in.
error-programme-step-incomplete = Elke stap heeft een tekst en een webadres.
error-programme-invalid = Dit kon niet worden opgeslagen: controleer of elk webadres naar een openbaar dilemma, een oplossing, een document of een bijeenkomst wijst.

## Koppelen: suggesties en expertise
suggestions-title = Wie kan helpen?
suggestions-intro = Collectieven die een vergelijkbaar dilemma oplosten, en mensen met kennis van dit onderwerp. Eén klik nodigt ze uit om te antwoorden.
suggestion-collective = collectief
suggestion-person = persoon
suggestion-solved = Loste op:
suggestion-answered = Schreef de oplossing bij:
suggestion-confirmed = { $count } keer bevestigd
suggestion-expertise = Kennis van:
suggestion-invited = Al uitgenodigd.
settings-expertise = Jouw kennis
settings-expertise-intro = Waar weet je veel van? Steunorganisaties kunnen je dan vragen te helpen bij een dilemma. Andere servers zien dit op je profiel.
field-expertise-description = In je eigen woorden
hint-expertise-description = Bijvoorbeeld: jurist, penningmeester, ervaring met subsidieaanvragen. Hooguit 300 tekens.
settings-expertise-save = Kennis opslaan
suggestions-network-title = Op andere servers
suggestions-network-none = Andere servers kenden geen collectief dat een vergelijkbaar dilemma oploste.
suggestions-network-ask = Ook andere servers vragen wie kan helpen

# Atom feeds
feed-search = Zoekopdracht
feed-solutions = { $count ->
    [one] 1 oplossing
   *[other] { $count } oplossingen
}
feed-follow = Volg de dilemma's als feed (Atom)
feed-follow-search = Volg deze zoekopdracht als feed (Atom)

# Removing what one wrote
remove-dilemma-title = Dit dilemma verwijderen?
remove-solution-title = Deze oplossing verwijderen?
remove-comment-title = Deze reactie verwijderen?
remove-document-title = Dit document verwijderen?
remove-document-named = { $title } verwijderen
remove-explained = Het verdwijnt hier en op de andere servers die het hebben. Dat kun je niet ongedaan maken.
remove-confirm = Ja, verwijderen
remove-cancel = Nee, terug
remove-link = Verwijderen
removed-notice = Het dilemma is verwijderd.

# Beheer: collectives
admin-collectives = Collectieven
admin-collective-new = Nieuw collectief
admin-collective-new-title = Nieuw collectief
admin-collective-edit = Profiel bewerken
admin-collective-edit-title = Profiel van het collectief
admin-collective-edit-intro = Wie het collectief op andere servers volgt, krijgt de wijziging toegestuurd.
admin-collective-create = Collectief aanmaken
admin-collective-save = Opslaan
field-collective-summary = Over het collectief
field-neighbourhood = Wijk of buurt
field-collective-closed = Nieuwe volgers wachten op goedkeuring door een coördinator
error-collective-taken = Die naam of korte naam is hier al in gebruik.
error-collective-fields = Vul een naam in (hoogstens 200 tekens) en, voor een nieuw collectief, een korte naam van kleine letters, cijfers en _.

## E-mail
mail-greeting = Hallo { $name },
mail-greeting-plain = Hallo,
mail-not-you = Heb jij dit niet gedaan? Dan kun je deze mail negeren.
mail-confirm-subject = Bevestig je e-mailadres voor { $instance }
mail-confirm-body = Je gaf dit e-mailadres op bij { $instance }. Bevestig het met de link hieronder; daarna krijg je hier berichten en kun je een nieuw wachtwoord aanvragen.
mail-confirm-action = E-mailadres bevestigen
mail-reset-subject = Een nieuw wachtwoord voor { $instance }
mail-reset-body = Er is een nieuw wachtwoord aangevraagd voor je account { $name } bij { $instance }. Met de link hieronder kies je een nieuw wachtwoord. De link werkt een uur en maar één keer.
mail-reset-not-you = Heb jij dit niet gevraagd? Dan hoef je niets te doen: je wachtwoord blijft hetzelfde.
mail-reset-action = Nieuw wachtwoord kiezen
mail-approved-subject = Je account bij { $instance } is goedgekeurd
mail-approved-body = Je aanmelding is goedgekeurd. Je kunt nu inloggen met je accountnaam { $name }.
mail-approved-collective = Je bent nu lid van { $collective }.
mail-approved-action = Inloggen
mail-awaits-subject = { $applicant } wacht op goedkeuring
mail-awaits-body = { $applicant } heeft zich aangemeld bij { $instance } en wacht op goedkeuring.
mail-awaits-collective = { $applicant } heeft zich aangemeld bij { $instance } en wil lid worden van { $collective }. De aanmelding wacht op goedkeuring.
mail-awaits-action = Aanmeldingen bekijken
mail-subject-daily = Je dagelijkse overzicht van { $instance }
mail-subject-weekly = Je wekelijkse overzicht van { $instance }
mail-subject-solution = Nieuwe oplossing voor "{ $title }"
mail-subject-acceptance = Je oplossing voor "{ $title }" is geaccepteerd
mail-subject-confirmation = Je oplossing voor "{ $title }" werkte ook elders
mail-subject-follow-request = Iemand wil { $title } volgen
mail-subject-session-reminder = Herinnering: { $title }
mail-subject-mention = Je bent genoemd in "{ $title }"
mail-subject-new-dilemma = Nieuwe dilemma's van collectieven die je volgt
mail-intro-daily = Dit gebeurde er sinds het vorige dagelijkse overzicht.
mail-intro-weekly = Dit gebeurde er sinds het vorige wekelijkse overzicht.
mail-intro-now = Dit is net gebeurd.
mail-line-new-dilemma = Nieuw dilemma
mail-no-collective = Overig
mail-footer-settings = Kies in je instellingen welke berichten je per mail krijgt:
mail-footer-unsubscribe = Geen mail meer van deze soort:
field-email-optional = E-mailadres (niet verplicht)
hint-email = Voor berichten en om een nieuw wachtwoord aan te vragen. Je krijgt eerst een mail om het te bevestigen.
error-bad-email = Dat is geen geldig e-mailadres.
settings-email = E-mail
settings-email-field = E-mailadres
settings-email-confirmed = Bevestigd.
settings-email-unconfirmed = Nog niet bevestigd: klik op de link in de mail die we stuurden.
settings-email-none = Zonder e-mailadres krijg je geen mail en kun je geen nieuw wachtwoord aanvragen.
settings-email-save = E-mailadres opslaan
settings-email-saved = Opgeslagen. Als je een nieuw adres opgaf, kijk dan in je mail om het te bevestigen.
settings-mail-choices = Wat je per mail krijgt
settings-mail-choices-save = Keuzes opslaan
settings-mail-saved = Je keuzes voor mail zijn opgeslagen.
mail-kind-solution = Een nieuwe oplossing voor mijn dilemma
mail-kind-acceptance = Mijn oplossing is geaccepteerd
mail-kind-confirmation = Iemand bevestigt mijn oplossing
mail-kind-follow_request = Een verzoek om mijn collectief te volgen
mail-kind-session_reminder = Een herinnering aan een bijeenkomst
mail-kind-mention = Iemand noemt mij
mail-kind-new_dilemma = Nieuwe dilemma's van collectieven die ik volg
mail-kind-registration = Iemand meldt zich aan en wacht op mijn goedkeuring
cadence-immediate = Meteen
cadence-daily = In een dagelijks overzicht
cadence-weekly = In een wekelijks overzicht
cadence-off = Niet
email-confirmed-title = E-mailadres bevestigd
email-confirmed = Je e-mailadres is bevestigd. Je krijgt voortaan berichten zoals je in je instellingen kiest.
link-invalid-title = Deze link werkt niet meer
link-invalid = De link is al gebruikt, verlopen of onbekend. Vraag zo nodig een nieuwe aan.
unsubscribe-title = Geen mail meer ontvangen
unsubscribe-intro = Wil je deze mail niet meer krijgen? { $name } krijgt dan geen mail meer over:
unsubscribe-submit = Geen mail meer sturen
unsubscribe-done-title = Afgemeld
unsubscribe-done = Je krijgt hierover geen mail meer. In je instellingen kun je dit altijd weer aanzetten.
forgot-title = Wachtwoord vergeten
forgot-intro = Vul je accountnaam of je e-mailadres in. Als je account een bevestigd e-mailadres heeft, sturen we daar een link om een nieuw wachtwoord te kiezen.
forgot-field = Accountnaam of e-mailadres
forgot-submit = Link sturen
forgot-sent-title = Kijk in je mail
forgot-sent = Als er een account met een bevestigd e-mailadres bij hoort, is er nu een mail met een link onderweg. De link werkt een uur.
forgot-link = Wachtwoord vergeten?
reset-title = Kies een nieuw wachtwoord
reset-submit = Wachtwoord opslaan
reset-done-title = Nieuw wachtwoord opgeslagen
reset-done = Je wachtwoord is veranderd. Je bent overal uitgelogd; log in met je nieuwe wachtwoord.
