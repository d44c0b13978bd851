import PDFDocument from 'pdfkit';
import type { SubjectAccessReportType } from './dto/data-subject.types.js';

const euros = (cents: string) => `€ ${(Number(cents) / 100).toFixed(2)}`;
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—');
const time = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
const orDash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/**
 * The subject-access report as a printable PDF (A4, the standard Helvetica fonts, no images), in
 * Dutch for the person it is about. Pages break where pdfkit's text flow runs out of room.
 */
export function renderSubjectAccessPdf(report: SubjectAccessReportType): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: 'Inzageverzoek (AVG art. 15)', Producer: 'Signaalhub', Creator: 'Signaalhub' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string) =>
    doc.moveDown().font('Helvetica-Bold').fontSize(13).text(text).font('Helvetica').fontSize(10);
  const line = (text: string) => doc.text(text);

  doc.font('Helvetica-Bold').fontSize(16).text('Inzage in persoonsgegevens (AVG art. 15)');
  doc.font('Helvetica').fontSize(10);
  line(`Gemeente: ${report.municipality}`);
  line(`Opgesteld: ${time(report.generatedAt)}`);
  line(`Bezwaar (AVG art. 21) geregistreerd: ${report.objectionRecorded ? 'ja' : 'nee'}`);

  heading(`Vroegsignalen (${report.signals.length})`);
  for (const s of report.signals) {
    doc.moveDown(0.5);
    line(
      `Signaal ${s.id} van ${s.creditorId} (${s.sector}, ${s.kind}), signaaldatum ${s.signalDate}, status ${s.status}`,
    );
    const name = [s.initials, s.firstNames && `(${s.firstNames})`, s.surnamePrefix, s.surname]
      .filter(Boolean)
      .join(' ');
    line(`Naam: ${orDash(name)}; geboortedatum: ${orDash(s.birthDate)}`);
    const number = `${s.houseNumber}${s.houseLetter ?? ''}${s.houseNumberAddition ? `-${s.houseNumberAddition}` : ''}`;
    line(`Adres: ${orDash(s.street)} ${number}, ${s.postcode} ${orDash(s.place)}`);
    line(`Telefoon: ${orDash(s.phone)}; e-mail: ${orDash(s.email)}; klantnummer: ${orDash(s.customerNumber)}`);
    line(`Bedrag: ${euros(s.amountCents)}; achterstand sinds ${s.arrearsSince}; ontvangen ${time(s.receivedAt)}`);
  }

  heading(`Vroegsignaalzaken (${report.cases.length})`);
  for (const c of report.cases) {
    line(
      `Zaak ${c.id}: ${c.status}${c.result ? `, resultaat ${c.result}` : ''}; geopend ${day(c.openedAt)}, gesloten ${day(c.closedAt)}`,
    );
  }

  heading(`Contactpogingen (${report.contactAttempts.length})`);
  for (const a of report.contactAttempts) {
    line(`${a.date} ${orDash(a.dayPart)}: ${a.kind}, ${a.reached ? 'bereikt' : 'niet bereikt'} (zaak ${a.caseId})`);
  }

  heading(`Notities (${report.notes.length})`);
  for (const n of report.notes) {
    line(`${time(n.createdAt)} (zaak ${n.caseId}):`);
    doc.text(n.text, { indent: 12 });
  }

  heading(
    `Wie heeft deze gegevens ingezien of gewijzigd (${report.accesses.length}${report.accessesTruncated ? '+' : ''})`,
  );
  for (const e of report.accesses) {
    line(`${time(e.occurredAt)}: ${e.action} door ${e.actor} (${e.actorRole}) op ${e.subjectType} ${e.subjectId}`);
  }
  if (report.accessesTruncated)
    line('De lijst is ingekort; de functionaris gegevensbescherming levert de rest op verzoek.');

  doc.end();
  return done;
}
