/// <reference types="pdfkit" />
/**
 * What makes the packet an archival (PDF/A-2a, ISO 19005-2 level A) and accessible (PDF/UA-1,
 * ISO 14289-1) file, beyond its tags (./tags.server.ts):
 *
 * - XMP metadata that matches the document information dictionary entry by entry (title, author,
 *   subject, keywords, creator tool, producer, creation and modification dates), XML-escaped, with
 *   the PDF/A identification (pdfaid: part 2, conformance A) and the PDF/UA identification
 *   (pdfuaid: part 1) — the latter declared in a PDF/A extension schema, since PDF/A-2 only accepts
 *   XMP properties from its predefined schemas or declared ones.
 * - An output intent (GTS_PDFA1) with an embedded sRGB ICC profile: every colour in the packet is
 *   DeviceRGB, and PDF/A needs to know what that RGB means. The profile is the ICC's
 *   "sRGB2014" (sRGB IEC61966-2.1, 3 KB) shipped in pdfkit's npm package; the ICC makes it
 *   available to be "copied, distributed, embedded, made, used, and sold without restriction".
 *
 * Why not pdfkit's `subset: "PDF/A-2a"` option: it identifies either PDF/A or PDF/UA, not both; it
 * writes the title into XMP unescaped (a candidate called `<b>` breaks the XML); and it writes no
 * xmp:ModifyDate for the info dictionary's ModDate. pdfkit internals used (pinned 0.20):
 * `doc._addInfo` (called by `endMetadata` at `doc.end()`), `doc.appendXML`, `doc.ref`, `doc._root`.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

let iccProfile: Buffer | null = null;

/** pdfkit's copy of the ICC sRGB2014 profile (read once per process). */
function srgbProfile(): Buffer {
  if (!iccProfile) {
    // require.resolve("pdfkit") is …/pdfkit/js/pdfkit.js; the profile is in …/pdfkit/js/data/
    iccProfile = fs.readFileSync(path.join(path.dirname(require.resolve("pdfkit")), "data", "sRGB_IEC61966_2_1.icc"));
  }
  return iccProfile;
}

export interface ArchivalInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  creator: string;
  producer: string;
  /** CreationDate and ModDate (the time of the request) */
  created: Date;
  /** the document's natural language (BCP 47) */
  lang: string;
}

/** The info dictionary pdfkit writes; the XMP below says the same. */
export function infoDictionary(info: ArchivalInfo): Record<string, string | Date> {
  return {
    Title: info.title,
    Author: info.author,
    Subject: info.subject,
    Keywords: info.keywords,
    Creator: info.creator,
    Producer: info.producer,
    CreationDate: info.created,
    ModDate: info.created,
  };
}

/** XML text: markup escaped, characters XML 1.0 cannot carry dropped. */
export function xmlText(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}

/** pdfkit writes dates as UTC "D:YYYYMMDDHHmmSSZ"; XMP takes the same instant to the second. */
function xmpDate(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** The XMP packet's descriptions (pdfkit wraps them in x:xmpmeta / rdf:RDF). */
export function xmpDescriptions(info: ArchivalInfo): string {
  const date = xmpDate(info.created);
  const lang = xmlText(info.lang);
  return `
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:format>application/pdf</dc:format>
  <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(info.title)}</rdf:li></rdf:Alt></dc:title>
  <dc:creator><rdf:Seq><rdf:li>${xmlText(info.author)}</rdf:li></rdf:Seq></dc:creator>
  <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(info.subject)}</rdf:li></rdf:Alt></dc:description>
  <dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
  <xmp:CreatorTool>${xmlText(info.creator)}</xmp:CreatorTool>
  <xmp:CreateDate>${date}</xmp:CreateDate>
  <xmp:ModifyDate>${date}</xmp:ModifyDate>
  <xmp:MetadataDate>${date}</xmp:MetadataDate>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
  <pdf:Producer>${xmlText(info.producer)}</pdf:Producer>
  <pdf:Keywords>${xmlText(info.keywords)}</pdf:Keywords>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
  <pdfaid:part>2</pdfaid:part>
  <pdfaid:conformance>A</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
  <pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
<rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas>
    <rdf:Bag>
      <rdf:li rdf:parseType="Resource">
        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
        <pdfaSchema:property>
          <rdf:Seq>
            <rdf:li rdf:parseType="Resource">
              <pdfaProperty:name>part</pdfaProperty:name>
              <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
              <pdfaProperty:category>internal</pdfaProperty:category>
              <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
            </rdf:li>
          </rdf:Seq>
        </pdfaSchema:property>
      </rdf:li>
    </rdf:Bag>
  </pdfaExtension:schemas>
</rdf:Description>`;
}

interface ArchivalDocInternals {
  _addInfo: () => void;
  appendXML(xml: string, newline?: boolean): void;
  ref(data: object): { write(b: Uint8Array): void; end(): void };
  _root: { data: Record<string, unknown> };
}

/**
 * Sets up the document's archival identity: call right after `new PDFDocument(…)` with the same
 * info; the XMP is written at `doc.end()`. Adds the sRGB output intent.
 */
export function makeArchival(doc: PDFKit.PDFDocument, info: ArchivalInfo): void {
  const d = doc as unknown as ArchivalDocInternals;
  d._addInfo = () => d.appendXML(xmpDescriptions(info));
  const icc = srgbProfile();
  const profile = d.ref({ N: 3 });
  profile.write(icc);
  profile.end();
  const intent = d.ref({
    Type: "OutputIntent",
    S: "GTS_PDFA1",
    Info: new String("sRGB IEC61966-2.1"),
    OutputConditionIdentifier: new String("sRGB IEC61966-2.1"),
    RegistryName: new String("http://www.color.org"),
    DestOutputProfile: profile,
  });
  intent.end();
  d._root.data.OutputIntents = [intent];
}
