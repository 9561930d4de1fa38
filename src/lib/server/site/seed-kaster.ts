import type { SeedEvent, SeedGroup } from '../events/seed-example-events';
import type { SeedRoom } from '../rooms/seed-rooms';
/**
 * Kaster's data, taken from the office's own description (shared/seed/quartiersmanagement-kaster.txt).
 * Seeded once on first start; from then on staff edit it in the back office.
 * Empty strings mean "not known yet": pages show them as "wird noch ergänzt".
 */
/** Monday to Friday from `opens` to `closes`, plus further `[weekday, opens, closes]`. */
function weekdays(
	opens: string,
	closes: string,
	...more: [number, string, string][]
): [number, string, string][] {
	return [...[1, 2, 3, 4, 5].map((d) => [d, opens, closes] as [number, string, string]), ...more];
}

export const kasterSeed = {
	site: {
		neighbourhoodName: 'Kaster',
		townName: 'Bedburg',
		regionName: 'Rhein-Erft-Kreis, Nordrhein-Westfalen',
		officeName: 'Quartiersmanagement Kaster',
		tagline: 'Anlaufstelle und Treffpunkt für alle in Kaster',
		intro:
			'Das Quartiersmanagement in Kaster ist Anlaufstelle und Treffpunkt für die Bewohnerinnen und Bewohner sowie für Initiativen im Viertel. Es hat seinen Platz im Haus der Begegnung.',
		aboutText: [
			'Quartiersmanagement ist ein Instrument der Stadtentwicklung und wird vornehmlich in Stadtteilen mit besonderen Herausforderungen eingerichtet. Darunter fallen beispielsweise bauliche Missstände, ein Mangel an sozialer Infrastruktur und ein erschwertes Miteinander zwischen den verschiedenen Bevölkerungsgruppen.',
			'Für die Kommunen wird die Stärkung ihrer jeweiligen Stadtteile immer wichtiger. Alter, Migration, Arbeitslosigkeit, Barrierefreiheit, das Missverhältnis zwischen der älteren und jüngeren Generation, die fehlende Teilhabe mancher Bevölkerungsschichten am gesellschaftlichen Leben sind alles Herausforderungen, denen die Kommunen aktuell gegenüberstehen. Es hat sich hierbei die Erkenntnis durchgesetzt, dass Maßnahmen und Lösungsansätze direkt in der Nachbarschaft, also im Quartier, ansetzen sollten.',
			'Mit dem Quartier ist im Allgemeinen die nähere Wohnumgebung der Menschen gemeint, die dort ihren Alltag gestalten, wohnen, sich begegnen, einkaufen, arbeiten oder auf öffentlichen Plätzen verweilen. Ein Quartiersmanagement übernimmt dabei die Funktion, den Entwicklungsprozess in einem Quartier zu koordinieren und zu steuern. Es ist die zentrale Anlaufstelle für die Anliegen der Bewohnerinnen und Bewohner und leitet diese weiter an Politik und Verwaltung.',
			'Der Quartiersmanager hat die Aufgabe, zwischen Bürgern, Verwaltung und Politik zu vermitteln und ist Ansprechpartner für alle den Stadtteil betreffenden Anliegen.'
		].join('\n\n'),
		tasks: [
			'Anlauf- und Vermittlungsstelle für die Bewohnerinnen und Bewohner von Kaster',
			'Information über Angebote im Stadtteil',
			'Vernetzung verschiedener ehrenamtlicher Gruppen',
			'Initiierung von Projekten und Veranstaltungen',
			'Unterstützung und Ermöglichung von Projekten aus der Bürgerschaft'
		],
		goals: [
			'Förderung des guten nachbarschaftlichen Miteinanders – sei es zwischen Jung und Alt, Geflüchteten und Zugewanderten oder schon länger Ansässigen',
			'Förderung von Kultur, Sozialem und Integration im Stadtteil',
			'Unterstützung von Ideen, Projekten und Initiativen aus der Nachbarschaft für die Nachbarschaft'
		],
		invitation:
			'Alle Interessierten sind herzlich dazu eingeladen, Projekte und Veranstaltungen zu realisieren und Kaster auf lange Sicht als Ort der Begegnung und Vielfalt zu stärken.',
		contactEmail: '',
		contactPhone: '',
		accessibilityEnforcementBody: [
			'Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen',
			'bei der Landesbeauftragten für Menschen mit Behinderung',
			'Fürstenwall 25, 40219 Düsseldorf',
			'Telefon: 0211 855-3451',
			'E-Mail: ombudsstelle-barrierefreie-it@mags.nrw.de'
		].join('\n')
	},
	venue: {
		slug: 'haus-der-begegnung',
		name: 'Haus der Begegnung',
		description:
			'Im Haus der Begegnung hat das Quartiersmanagement Kaster seinen Platz. Es ist Treffpunkt für die Bewohnerinnen und Bewohner sowie für Initiativen im Viertel. Gruppen können hier Räume buchen.',
		street: '',
		postalCode: '',
		city: '',
		openingHours: '',
		accessibility: ''
	},
	/**
	 * Example rooms of the Haus der Begegnung, marked as examples ("Beispiel") in the back office
	 * until the office enters its real rooms. Requests go to the booking contact below.
	 */
	bookingContactRole: 'Raumbuchungen und Haus der Begegnung',
	rooms: [
		{
			slug: 'grosser-saal',
			name: 'Großer Saal',
			description:
				'Der größte Raum im Haus, für Versammlungen, Feiern, Vorträge und Bewegungsangebote. Tische und Stühle für bis zu 80 Personen.',
			capacity: 80,
			equipment: 'Beamer und Leinwand, Lautsprecheranlage mit zwei Mikrofonen, Zugang zur Küche',
			stepFree: true,
			accessibleToilet: true,
			hearingLoop: true,
			houseRules:
				'Bitte stellen Sie Tische und Stühle nach der Nutzung wieder so auf, wie Sie sie vorgefunden haben, und lassen Sie den Raum besenrein zurück.\n\nAb 22 Uhr bitte Fenster schließen und Rücksicht auf die Nachbarschaft nehmen. Rauchen ist im ganzen Haus nicht erlaubt.',
			bufferMinutes: 30,
			maxDurationMinutes: 720,
			hours: weekdays('08:00', '22:00', [6, '10:00', '22:00'], [7, '10:00', '18:00'])
		},
		{
			slug: 'gruppenraum',
			name: 'Gruppenraum',
			description:
				'Ein heller Raum für Gruppentreffen, Kurse und Sprachcafés, mit einem großen Tisch, der sich teilen lässt.',
			capacity: 20,
			equipment: 'Flipchart, Whiteboard, Fernseher mit HDMI-Anschluss',
			stepFree: true,
			accessibleToilet: true,
			hearingLoop: false,
			houseRules:
				'Bitte lassen Sie den Raum aufgeräumt zurück und schalten Sie Licht und Geräte aus. Rauchen ist im ganzen Haus nicht erlaubt.',
			bufferMinutes: 15,
			maxDurationMinutes: 480,
			hours: weekdays('08:00', '22:00', [6, '10:00', '18:00'])
		},
		{
			slug: 'kreativraum',
			name: 'Kreativraum',
			description:
				'Ein Werkraum mit Waschbecken und abwischbaren Tischen, zum Basteln, Malen und Reparieren.',
			capacity: 12,
			equipment: 'Waschbecken, Werkzeugschrank, Nähmaschine',
			stepFree: false,
			accessibleToilet: false,
			hearingLoop: false,
			houseRules:
				'Bitte reinigen Sie Tische und Werkzeug nach der Nutzung. Farben und Kleber bringen Sie bitte selbst mit.',
			bufferMinutes: 15,
			maxDurationMinutes: 360,
			hours: weekdays('09:00', '20:00')
		}
	] satisfies SeedRoom[],
	/**
	 * Example organisers and events of the calendar (Veranstaltungen), marked "Beispiel" and
	 * removable by staff in one action. Their dates are computed from the day of seeding.
	 */
	exampleGroups: [
		{
			key: 'sprachcafe',
			slug: 'sprachcafe-team-kaster',
			name: 'Sprachcafé-Team Kaster',
			description:
				'Ehrenamtliche, die jede Woche zum Deutschsprechen in entspannter Runde einladen – für Anfänger und Fortgeschrittene.',
			email: '',
			phone: '',
			showContact: false
		},
		{
			key: 'senioren',
			slug: 'seniorentreff-kaster',
			name: 'Seniorentreff Kaster',
			description:
				'Ein offener Treff für ältere Menschen aus Kaster: Kaffee, Gespräche, Spiele und ab und zu ein Vortrag.',
			email: '',
			phone: '',
			showContact: false
		},
		{
			key: 'repaircafe',
			slug: 'repair-cafe-kaster',
			name: 'Repair-Café Kaster',
			description:
				'Ehrenamtliche Tüftlerinnen und Tüftler, die mit Ihnen gemeinsam Elektrogeräte, Fahrräder und Kleidung reparieren.',
			email: '',
			phone: '',
			showContact: false
		},
		{
			key: 'eltern',
			slug: 'elterninitiative-kaster',
			name: 'Elterninitiative Kaster',
			description: 'Eltern aus dem Viertel, die Nachmittage und Ausflüge für Kinder organisieren.',
			email: '',
			phone: '',
			showContact: false
		}
	] satisfies SeedGroup[],
	exampleEvents: [
		{
			group: 'sprachcafe',
			room: 'gruppenraum',
			weekday: 4,
			input: {
				title: 'Sprachcafé',
				description:
					'Deutsch sprechen üben bei Tee und Kaffee: Wir reden über Alltag, Arbeit und was Sie gerade beschäftigt. Keine Anmeldung nötig, einfach vorbeikommen.\n\n*Dies ist eine Beispielveranstaltung.*',
				startTime: '17:00',
				endTime: '19:00',
				repeat: 'weekly',
				placeName: 'Haus der Begegnung',
				categories: ['begegnung', 'bildung'],
				targetGroups: ['alle', 'gefluechtete'],
				languages: ['de', 'ar', 'uk', 'en'],
				wheelchairAccessible: true,
				isFree: true
			}
		},
		{
			group: 'senioren',
			room: 'grosser-saal',
			weekday: 2,
			input: {
				title: 'Seniorentreff',
				description:
					'Kaffee, Kuchen und Gespräche in netter Runde, dazu Gesellschaftsspiele. Der Saal ist stufenlos erreichbar.\n\n*Dies ist eine Beispielveranstaltung.*',
				startTime: '14:30',
				endTime: '16:30',
				repeat: 'weekly',
				interval: 2,
				placeName: 'Haus der Begegnung',
				categories: ['begegnung'],
				targetGroups: ['senioren'],
				languages: ['de'],
				accessibilityNotes:
					'Stufenloser Zugang, barrierefreie Toilette, Induktionsschleife im Saal.',
				wheelchairAccessible: true,
				isFree: false,
				cost: '2 € für Kaffee und Kuchen'
			}
		},
		{
			group: 'repaircafe',
			room: 'kreativraum',
			weekday: 6,
			nthWeekday: 1,
			input: {
				title: 'Repair-Café',
				description:
					'Kaputt? Nicht gleich wegwerfen! Bringen Sie defekte Geräte, Fahrräder oder Kleidung mit – wir reparieren gemeinsam. Ersatzteile bitte selbst mitbringen, wenn möglich.\n\n*Dies ist eine Beispielveranstaltung.*',
				startTime: '10:00',
				endTime: '13:00',
				repeat: 'monthly-weekday',
				placeName: 'Haus der Begegnung',
				categories: ['umwelt'],
				targetGroups: ['alle'],
				languages: ['de'],
				accessibilityNotes:
					'Der Kreativraum ist nur über eine Stufe erreichbar. Sprechen Sie uns an, wir helfen gern.',
				isFree: true
			}
		},
		{
			group: 'eltern',
			room: 'gruppenraum',
			weekday: 3,
			daysAhead: 8,
			input: {
				title: 'Kindernachmittag: Basteln und Spielen',
				description:
					'Ein Nachmittag für Kinder von 5 bis 10 Jahren mit Basteln, Spielen und einem kleinen Snack. Eltern sind herzlich willkommen.\n\n*Dies ist eine Beispielveranstaltung.*',
				startTime: '15:00',
				endTime: '17:30',
				placeName: 'Haus der Begegnung',
				categories: ['kinder'],
				targetGroups: ['kinder', 'familien'],
				languages: ['de', 'tr'],
				wheelchairAccessible: true,
				isFree: true
			}
		},
		{
			group: null,
			room: 'grosser-saal',
			weekday: 3,
			nthWeekday: 2,
			input: {
				title: 'Bewohnertreffen Kaster',
				description:
					'Einmal im Monat sprechen wir über das, was im Viertel ansteht: Ideen, Anliegen, Projekte. Alle Bewohnerinnen und Bewohner sind eingeladen.\n\n*Dies ist eine Beispielveranstaltung.*',
				startTime: '18:30',
				endTime: '20:00',
				repeat: 'monthly-weekday',
				placeName: 'Haus der Begegnung',
				categories: ['beteiligung'],
				targetGroups: ['alle'],
				languages: ['de'],
				wheelchairAccessible: true,
				isFree: true
			}
		}
	] satisfies SeedEvent[],
	contactPersons: [
		{
			key: 'manager',
			roleTitle: 'Quartiersmanagement',
			name: '',
			responsibilities:
				'Vermittlung zwischen Bürgerinnen und Bürgern, Verwaltung und Politik; Ansprechperson für alle Anliegen, die den Stadtteil betreffen',
			isVacant: true,
			vacancyNote:
				'Änderungen werden rechtzeitig mitgeteilt. Bis dahin hilft Ihnen die Vertretung weiter.',
			substitute: 'lindner'
		},
		{
			key: 'lindner',
			roleTitle: 'Raumbuchungen und Haus der Begegnung',
			name: 'Frau Lindner',
			responsibilities: 'Raumbuchungen und Fragen zum Haus der Begegnung',
			isVacant: false,
			vacancyNote: '',
			substitute: null
		}
	],
	notices: [
		{
			title: 'Die Stelle des Quartiersmanagers ist derzeit nicht besetzt',
			body: 'Änderungen werden rechtzeitig mitgeteilt. Für Raumbuchungen und Fragen zum Haus der Begegnung nehmen Sie bitte Kontakt zu Frau Lindner auf.',
			priority: 'important' as const
		}
	],
	news: [
		{
			slug: 'neue-internetseite',
			title: 'Die neue Internetseite des Quartiersmanagements',
			summary:
				'Hier finden Sie ab jetzt Neuigkeiten, Kontaktmöglichkeiten und Informationen zum Haus der Begegnung.',
			body: 'Auf dieser Seite informieren wir über das Quartiersmanagement in Kaster und das Haus der Begegnung.\n\nNach und nach kommen weitere Angebote dazu: ein Veranstaltungskalender, die Raumbuchung und eine Möglichkeit, Anliegen direkt an uns zu richten.\n\nHaben Sie Fragen oder Ideen? Schreiben Sie uns über die Seite [Kontakt](/kontakt).'
		}
	],
	pages: [
		{
			slug: 'impressum',
			title: 'Impressum',
			body: [
				'## Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG)',
				'**[wird noch ergänzt: Name des Anbieters, z. B. Stadt Bedburg oder Träger des Quartiersmanagements]**  ',
				'[wird noch ergänzt: Straße und Hausnummer]  ',
				'[wird noch ergänzt: Postleitzahl und Ort]',
				'## Vertreten durch',
				'[wird noch ergänzt: vertretungsberechtigte Person, bei juristischen Personen mit Rechtsform]',
				'## Kontakt',
				'Telefon: [wird noch ergänzt]  ',
				'E-Mail: [wird noch ergänzt]',
				'## Register und Umsatzsteuer',
				'[wird noch ergänzt: Registergericht und Registernummer, falls vorhanden; Umsatzsteuer-Identifikationsnummer, falls vorhanden]',
				'## Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV',
				'[wird noch ergänzt: Name und Anschrift der verantwortlichen Person für Neuigkeiten und Hinweise]'
			].join('\n\n')
		},
		{
			slug: 'datenschutz',
			title: 'Datenschutzerklärung',
			body: [
				'Wir nehmen den Schutz Ihrer Daten ernst. Hier informieren wir Sie nach Art. 13 Datenschutz-Grundverordnung (DSGVO), welche Daten wir verarbeiten und warum.',
				'## Verantwortliche Stelle',
				'[wird noch ergänzt: Name, Anschrift und Kontakt der verantwortlichen Stelle]',
				'## Datenschutzbeauftragte Person',
				'[wird noch ergänzt: Kontakt der oder des Datenschutzbeauftragten]',
				'## Welche Daten wir verarbeiten und warum',
				'- **Kontaktformular und Rückmeldungen zur Barrierefreiheit:** Name, E-Mail-Adresse und Ihre Nachricht, um Ihre Anfrage zu beantworten. Rechtsgrundlage: Art. 6 Abs. 1 lit. e DSGVO (Aufgabe im öffentlichen Interesse). Die Nachricht geht an die zuständige Ansprechperson.',
				'- **Benutzerkonto:** E-Mail-Adresse, Name und ein verschlüsseltes Passwort, um Ihnen die Anmeldung zu ermöglichen. Rechtsgrundlage: Art. 6 Abs. 1 lit. a DSGVO (Einwilligung).',
				'- **Technisch notwendige Cookies:** ein Sitzungs-Cookie nach der Anmeldung, ein Sicherheits-Cookie gegen gefälschte Formulare und, wenn Sie die Sprache wechseln, ein Sprach-Cookie. Wir setzen keine Cookies zur Analyse oder Werbung ein.',
				'- **Server-Protokolle:** Beim Aufruf der Seite werden Adresse, Zeitpunkt und Ergebnis der Anfrage protokolliert, um den sicheren Betrieb zu gewährleisten.',
				'Wir laden keine Schriften, Skripte oder Karten von fremden Servern.',
				'## Anliegen im Quartier',
				'- **Was wir speichern:** Ihre Beschreibung, den Ort, die Kategorie und, wenn Sie es angeben, Ihren Namen, Ihre E-Mail-Adresse und Ihre Telefonnummer. Sind Sie angemeldet, verknüpfen wir das Anliegen mit Ihrem Benutzerkonto. Sagen Sie uns über den Link zu Ihrem Anliegen, ob es erledigt ist, speichern wir auch diese Rückmeldung.',
				'- **Wozu und auf welcher Grundlage:** Wir bearbeiten Ihr Anliegen, antworten Ihnen und fragen einige Wochen nach dem Abschluss einmal nach, ob es wirklich behoben ist. Rechtsgrundlage: Art. 6 Abs. 1 lit. e DSGVO (Aufgabe im öffentlichen Interesse). Name und Kontaktdaten sind freiwillig; für sie und für ihre Weitergabe ist die Rechtsgrundlage Ihre Einwilligung, Art. 6 Abs. 1 lit. a DSGVO.',
				'- **Wer es sieht:** die Mitarbeitenden des Quartiersmanagements, die Anliegen bearbeiten. Ein öffentliches Anliegen erscheint mit Beschreibung, Ort und Bearbeitungsstand auf der Seite [Anliegen im Quartier](/anliegen), aber nie mit Ihrem Namen oder Ihren Kontaktdaten. Ein persönliches Anliegen sieht nur das Quartiersmanagement.',
				'- **Weiterleitung:** Ist eine andere Stelle zuständig, zum Beispiel ein Amt der Stadtverwaltung, leiten wir die Beschreibung und den Ort dorthin weiter. Ihren Namen und Ihre Kontaktdaten bekommt diese Stelle nur, wenn Sie im Formular zugestimmt haben.',
				'- **Löschung:** Sechs Monate nach dem Abschluss eines Anliegens löschen wir Ihren Namen, Ihre E-Mail-Adresse, Ihre Telefonnummer, Ihre Rückmeldungen und die Verknüpfung mit Ihrem Benutzerkonto automatisch. Der Link zu Ihrem Anliegen funktioniert dann nicht mehr. Die Beschreibung bleibt ohne Angaben zu Ihrer Person erhalten, für die Statistik und als öffentlicher Hinweis.',
				'- **Ihre Rechte:** Sie bekommen auf Anfrage eine Kopie Ihrer Daten zu allen Ihren Anliegen, und wir löschen Ihre Angaben auch früher. Eine Einwilligung können Sie jederzeit für die Zukunft widerrufen. Schreiben Sie uns dazu über die Seite [Kontakt](/kontakt) oder rufen Sie uns an.',
				'## Empfänger',
				'Anliegen und Nachrichten leiten wir nur weiter, wenn es für die Bearbeitung nötig ist, zum Beispiel an die zuständige Stelle der Stadtverwaltung.',
				'## Speicherdauer',
				'Anliegen: Name und Kontaktdaten bis sechs Monate nach dem Abschluss (siehe „Anliegen im Quartier“).',
				'[wird noch ergänzt: Speicherdauer je Zweck, z. B. Nachrichten 12 Monate nach Abschluss]',
				'## Ihre Rechte',
				'Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, Widerspruch und Datenübertragbarkeit. Eine Einwilligung können Sie jederzeit für die Zukunft widerrufen.',
				'## Beschwerderecht',
				'Sie können sich bei der Aufsichtsbehörde beschweren: Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen (LDI NRW), Kavalleriestraße 2–4, 40213 Düsseldorf.'
			].join('\n\n')
		},
		{
			slug: 'barrierefreiheit',
			title: 'Erklärung zur Barrierefreiheit',
			body: [
				'Wir möchten, dass alle Menschen diese Internetseite gut nutzen können. Diese Erklärung gilt für die Internetseite des Quartiersmanagements.',
				'## Wie barrierefrei ist diese Seite?',
				'Diese Seite ist **teilweise barrierefrei**. Sie soll die Anforderungen der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und der WCAG 2.1 auf Stufe AA erfüllen.',
				'## Welche Bereiche sind nicht barrierefrei?',
				'[wird noch ergänzt: bekannte Barrieren und die Gründe dafür, z. B. ältere PDF-Dokumente]',
				'Die wichtigsten Informationen zu dieser Seite gibt es auch [in Leichter Sprache](/leichte-sprache) und [in Deutscher Gebärdensprache](/gebaerdensprache).',
				'## Wie wurde die Barrierefreiheit geprüft?',
				'Die Erklärung beruht auf einer Selbstbewertung. Wir prüfen jede Seite automatisch und von Hand mit Tastatur und Bildschirmleser.',
				'## Barriere melden',
				'Ist Ihnen eine Barriere aufgefallen? Oder brauchen Sie Inhalte in einer anderen Form? Schreiben Sie uns mit dem Formular unten. Wir antworten innerhalb von zwei Wochen, spätestens nach sechs Wochen.'
			].join('\n\n')
		},
		{
			slug: 'leichte-sprache',
			title: 'Leichte Sprache',
			// Leichte Sprache rules (COMPLIANCE.md): one statement per sentence, each on its own line.
			body: [
				'## Das ist unsere Internet-Seite',
				[
					'Das ist die Internet-Seite vom Quartiers-Management in Kaster.',
					'Kaster ist ein Stadt-Teil von Bedburg.',
					'Das Quartiers-Management ist ein Büro.',
					'Dort arbeiten Menschen für die Menschen in Kaster.',
					'Sie können uns Ihre Fragen sagen.',
					'Sie können uns Ihre Ideen sagen.',
					'Wir helfen Ihnen.'
				].join('  \n'),
				'## Das finden Sie auf der Internet-Seite',
				[
					'- Neuigkeiten aus Kaster',
					'- Wer im Büro arbeitet',
					'- Wie Sie uns erreichen',
					'- Das Haus der Begegnung. Das ist ein Haus für alle Menschen in Kaster.',
					'- Ein Formular für Ihre Nachricht an uns'
				].join('\n'),
				'## So finden Sie sich zurecht',
				[
					'Oben auf jeder Seite ist das Menü.',
					'Im Menü stehen die wichtigen Seiten.',
					'Auf dem Handy tippen Sie zuerst auf das Wort Menü.',
					'Ganz unten auf jeder Seite sind noch mehr Links.',
					'Zum Beispiel: Impressum und Daten-Schutz.',
					'Sie können die Seite auch mit der Tastatur benutzen.',
					'Mit der Taste Tab kommen Sie zum nächsten Link.'
				].join('  \n'),
				'## Barriere-Freiheit',
				[
					'Barriere-Freiheit heißt: Alle Menschen können die Internet-Seite gut benutzen.',
					'Auch Menschen mit Behinderung.',
					'Unsere Internet-Seite ist noch nicht ganz barriere-frei.',
					'Wir arbeiten daran.',
					'Etwas klappt bei Ihnen nicht?',
					'Dann schreiben Sie uns bitte.',
					'Dafür gibt es ein Formular.',
					'Das Formular ist auf der Seite [Erklärung zur Barriere-Freiheit](/barrierefreiheit).',
					'Wir antworten Ihnen in 2 Wochen.',
					'Manchmal dauert es länger.',
					'Dann antworten wir spätestens in 6 Wochen.',
					'Sie sind mit der Antwort unzufrieden?',
					'Dann hilft Ihnen die Ombuds-Stelle für barriere-freie IT in Nordrhein-Westfalen.',
					'Die Adresse steht auf der Seite Erklärung zur Barriere-Freiheit.'
				].join('  \n'),
				'## Mehr in Leichter Sprache und Gebärden-Sprache',
				[
					'Diese Informationen gibt es auch in Deutscher Gebärden-Sprache.',
					'Hier ist die Seite: [Deutsche Gebärden-Sprache](/gebaerdensprache).',
					'Sie möchten mehr Informationen in Leichter Sprache?',
					'Dann fragen Sie uns.',
					'Wir helfen Ihnen gerne.'
				].join('  \n'),
				'## So erreichen Sie uns',
				'Unsere Adresse und unsere Telefon-Nummer stehen auf der Seite [Kontakt](/kontakt).'
			].join('\n\n')
		},
		{
			slug: 'gebaerdensprache',
			title: 'Deutsche Gebärdensprache (DGS)',
			// The transcript of the video; the video itself is a file in the data folder (see README).
			body: [
				'## Was steht im Video?',
				'Das Video erklärt in Deutscher Gebärdensprache:',
				'- was Sie auf dieser Internetseite finden: Neuigkeiten aus dem Quartier, das Team und die Ansprechpersonen, das Haus der Begegnung und ein Kontaktformular;',
				'- wie Sie sich zurechtfinden: das Menü oben auf jeder Seite, auf dem Handy hinter dem Knopf „Menü“, und die Links ganz unten;',
				'- das Wichtigste aus der [Erklärung zur Barrierefreiheit](/barrierefreiheit): wie Sie uns eine Barriere melden und wer Ihnen hilft, wenn Sie mit unserer Antwort nicht zufrieden sind;',
				'- wo es mehr gibt: die Erklärung in [Leichter Sprache](/leichte-sprache).',
				'## Sie möchten uns in Gebärdensprache erreichen?',
				'Schreiben Sie uns über das [Kontaktformular](/kontakt) oder per E-Mail. Wir vereinbaren gern einen Termin mit Gebärdensprachdolmetschung.'
			].join('\n\n')
		}
	]
};
