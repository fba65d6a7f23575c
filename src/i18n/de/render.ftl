# Die eigenen Texte von tomcheck, Deutsch: render. Jede Kennung hat einen englischen Zwilling in ../en/render.ftl.
# Die festen Texte der erzeugten Dokumente (`tomcheck render`): Überschriften, Spaltentitel,
# die Namen der Kontrollbereiche, Rollen und Garantien und die Sätze um die Angaben herum.
# Ländernamen und das Schlagwort-Vokabular sind Daten und stehen beim Code.

## Titel und Einleitungen
render-tom-title = Technische und organisatorische Maßnahmen (TOM)
render-tom-intro = Dieses Dokument beschreibt die technischen und organisatorischen Maßnahmen, die wir nach Art. 32 DSGVO getroffen haben, um ein dem Risiko angemessenes Schutzniveau zu gewährleisten, sowie die Dienstleister, die in unserem Auftrag personenbezogene Daten verarbeiten (Art. 28 DSGVO). Es ist die Anlage zu den technischen und organisatorischen Maßnahmen unserer Auftragsverarbeitungsverträge (Art. 28 Abs. 3 lit. c DSGVO).
render-subprocessors-title = Unterauftragsverarbeiter
render-subprocessors-intro = Wir setzen die folgenden Unterauftragsverarbeiter ein, die im Auftrag unserer Kunden personenbezogene Daten verarbeiten (Art. 28 Abs. 2 und 4 DSGVO).
render-notice-title = Mitteilung über Änderungen der Unterauftragsverarbeiter

## Kopfangaben
render-organization = Organisation
render-address = Anschrift
render-as-of = Stand
render-commit-date = Datum des Commits
render-reviewed = Zuletzt überprüft
render-review-interval = Überprüfungsintervall
render-months = Monate
render-next-review = nächste Überprüfung fällig
render-dpo = Datenschutzbeauftragte(r)

## Nicht erfasste Angaben
render-not-documented = nicht dokumentiert
render-none-recorded = keine erfasst

## Maßnahmen
render-planned = geplant
render-planned-measures = Geplante Maßnahmen
render-not-applicable = Nicht anwendbar
render-applies-to = gilt für
render-since = seit
render-tags = Schlagwörter
render-no-measure = Für diesen Bereich ist keine umgesetzte Maßnahme dokumentiert.
render-encrypted-systems = Verschlüsselte Systeme (Verschlüsselung ruhender Daten)
render-no-encrypted-system = Kein System ist als verschlüsselt dokumentiert.

## Datensicherungen
render-backups = Datensicherungen
render-backup = Sicherung
render-covers = Gesicherte Systeme
render-frequency = Häufigkeit
render-retention = Aufbewahrung
render-days = Tage
render-copies = Generationen
render-place = Aufbewahrungsort
render-encrypted = Verschlüsselt
render-encrypted-in-transit = Verschlüsselt übertragen
render-immutable = Unveränderbar
render-restore-tested = Letzter Wiederherstellungstest
render-method = Verfahren
render-yes = ja
render-no = nein

## Auftragsverarbeiter und ihre Verträge
render-processors-with-avv = Auftragsverarbeiter und Auftragsverarbeitungsverträge (AVV)
render-provider = Dienstleister
render-role = Rolle
render-avv = AVV
render-avv-signed = unterzeichnet
render-avv-accepted = akzeptiert
render-avv-expires = gültig bis
render-avv-version = Fassung
render-avv-draft = Entwurf, noch kein gültiger AVV
render-avv-objection = Widerspruchsfrist
render-no-avv = keiner
render-avv-form-dpa = Auftragsverarbeitungsvertrag
render-avv-form-scc = Standardvertragsklauseln
render-avv-form-terms = Online-Bedingungen
render-review-facts = Letzte Überprüfung der TOM

## Systeme, Standorte, Dienstleister
render-overview = Systeme und Standorte
render-locations = Standorte
render-systems = Systeme
render-name = Bezeichnung
render-kind = Art
render-operator = Betreiber
render-own = eigen
render-country = Land
render-site = Standort
render-location = Standort
render-os = Betriebssystem
render-personal-data = Personenbezogene Daten
render-providers = Dienstleister
render-providers-intro = Alle externen Stellen, die personenbezogene Daten erhalten oder darauf zugreifen können.
render-seat = Sitz
render-processing-places = Verarbeitungsorte
render-support-access = Support-Zugriff aus
render-parent = Muttergesellschaft
render-purpose = Zweck
render-safeguard = Garantie bei Drittlandübermittlung
render-contact = Kontakt
render-eu-eea = EU/EWR

## Zertifizierungen
render-certifications = Zertifizierungen
render-cert-holder = Inhaber
render-cert-standard = Norm oder Testat
render-cert-valid-until = Gültig bis
render-cert-scope = Geltungsbereich
render-cert-evidence = Nachweis

## Befunde
render-findings = Offene Befunde
render-findings-intro = Offene (nicht per Ausnahme akzeptierte) Befunde der automatischen Prüfung dieser Angaben.
render-no-findings = Die automatische Prüfung hat keine offenen Befunde ergeben.
render-severity = Schwere
render-rule = Regel
render-subject = Gegenstand
render-message = Befund
render-waived = Ausnahme
render-evaluated = bewertet zum

## Fußzeile und Seitenangaben
render-generated = Erstellt mit tomcheck
render-from-commit = aus { $dir }/ im Commit { $commit }
render-of-date = vom { $date }
render-from-worktree = aus { $dir }/ im Arbeitsverzeichnis
render-from-index = aus { $dir }/ im Git-Index (vorgemerkt)
render-page = Seite
render-of = von
render-contents = Inhalt

## Liste der Unterauftragsverarbeiter und Änderungsmitteilung
render-no-subprocessors = Es werden keine Unterauftragsverarbeiter eingesetzt.
render-notice-intro = Hiermit informieren wir Sie über die folgenden Änderungen bei den Unterauftragsverarbeitern, die in Ihrem Auftrag personenbezogene Daten verarbeiten (Art. 28 Abs. 2 DSGVO).
render-notice-added = Neue Unterauftragsverarbeiter
render-notice-removed = Nicht mehr eingesetzte Unterauftragsverarbeiter
render-notice-changed = Geänderte Unterauftragsverarbeiter
render-notice-no-change = Bei den Unterauftragsverarbeitern gibt es keine Änderung.
render-notice-dates = Wirksamkeit und Widerspruchsrecht
render-notice-date = Datum dieser Mitteilung
render-effective = Die Änderungen werden wirksam am
render-objection-until = Widerspruch möglich bis
render-objection-text = Sie können diesen Änderungen innerhalb von { $days } Tagen nach dieser Mitteilung, also bis zum { $date }, widersprechen: { $contact }. Ohne Widerspruch werden die Änderungen am { $effective } wirksam.
render-compared = Verglichene Fassungen
render-field = Angabe
render-before = Bisher
render-after = Neu
render-name-field = Name

## Kontrollbereiche, in der Reihenfolge und Wortwahl üblicher TOM-Dokumente
render-control-physical_access = Zutrittskontrolle
render-control-system_access = Zugangskontrolle
render-control-data_access = Zugriffskontrolle
render-control-separation = Trennungskontrolle
render-control-pseudonymisation = Pseudonymisierung
render-control-encryption = Verschlüsselung
render-control-transfer = Weitergabekontrolle
render-control-input = Eingabekontrolle
render-control-availability = Verfügbarkeitskontrolle
render-control-recoverability = Rasche Wiederherstellbarkeit
render-control-order = Auftragskontrolle
render-control-review = Verfahren zur regelmäßigen Überprüfung, Bewertung und Evaluierung

## Die Rechtsgrundlage unter der Überschrift eines Kontrollbereichs
render-basis-confidentiality = Art. 32 Abs. 1 lit. b DSGVO: Vertraulichkeit
render-basis-art32-1a = Art. 32 Abs. 1 lit. a DSGVO
render-basis-integrity = Art. 32 Abs. 1 lit. b DSGVO: Integrität
render-basis-availability = Art. 32 Abs. 1 lit. b DSGVO: Verfügbarkeit und Belastbarkeit
render-basis-art32-1c = Art. 32 Abs. 1 lit. c DSGVO
render-basis-art28 = Art. 28 DSGVO
render-basis-art32-1d = Art. 32 Abs. 1 lit. d DSGVO

## Werte der Aufzählungsfelder
render-role-processor = Auftragsverarbeiter
render-role-controller = Verantwortlicher
render-role-joint-controller = gemeinsam Verantwortlicher
render-transfer-adequacy = Angemessenheitsbeschluss (Art. 45 DSGVO)
render-transfer-dpf = EU-US Data Privacy Framework (Angemessenheitsbeschluss)
render-transfer-scc = Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)
render-transfer-bcr = verbindliche interne Datenschutzvorschriften (Art. 47 DSGVO)
render-transfer-derogation = Ausnahme für bestimmte Fälle (Art. 49 DSGVO)
render-frequency-hourly = stündlich
render-frequency-daily = täglich
render-frequency-weekly = wöchentlich
render-frequency-monthly = monatlich
render-location-office = Büro
render-location-datacenter = Rechenzentrum
render-location-home-office = Homeoffice
render-location-cloud = Cloud
render-location-other = sonstiger Ort
render-system-server = Server
render-system-workstation = Arbeitsplatzrechner
render-system-laptop = Notebook
render-system-mobile = Mobiltelefon
render-system-tablet = Tablet
render-system-saas = Cloud-Dienst (SaaS)
render-system-network = Netzwerkgerät
render-system-storage = Speichersystem
render-status-planned = geplant
