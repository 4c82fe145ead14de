/**
 * Import and export of indicator values as CSV and DHIS2 dataValueSets JSON, with the exchange
 * page. Uploads (multipart, or a raw text/csv body for the API) are parsed only in this
 * encapsulated scope, with a body limit a little above the 2 MB file limit so that a too-large
 * file gets our own clear message rather than a bare 413.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { findUnitByCode } from '../../org/queries';
import type { Principal } from '../../org/policies';
import { hcmDate } from '../../monitoring/dates';
import type { AppContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { AppError, forbidden, validationFailed } from '../../platform/errors';
import { enableMultipart } from '../../platform/files/multipart';
import { attachmentHeader } from '../../platform/files/store';
import { t } from '../../platform/i18n';
import { sendPage } from '../../platform/http/render';
import { actorOf, requirePrincipal } from '../../platform/http/request-context';
import type { TypedApp } from '../../platform/http/types';
import { isPeriodKey } from '../periods';
import { indicator } from '../schema';
import { csvDocument } from './csv-format';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ValueRow, formatValue, fromDhis2Period, readValuesCsv, toDhis2Period } from './formats';
import { type ExportFilter, listValuesForExport } from './export-values';
import { type ImportResult, importIndicatorValues } from './import-values';
import { canExportValues, canImportValues, valueReadRoots } from './policies';
import { ExchangePage, type ExportValues } from './views/exchange-page';

/** Room for multipart framing and a few fields around a 2 MB file; beyond it, our message. */
const UPLOAD_BODY_LIMIT = 8 * 1024 * 1024;

const exportQuery = z.object({
  indicator: z.string().max(60).optional(),
  period: z.string().max(20).optional(),
  unit: z.string().max(60).optional(),
});
const dryRunQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });
const importResultOut = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  ignored: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
});
const errorOut = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional(), requestId: z.string().optional() }),
});
const dataValueOut = z.object({
  dataElement: z.string(),
  period: z.string(),
  orgUnit: z.string(),
  value: z.string(),
  comment: z.string().optional(),
  lastUpdated: z.string(),
});
const dataValueIn = z
  .object({
    dataElement: z.string().max(100).optional(),
    period: z.string().max(20).optional(),
    orgUnit: z.string().max(100).optional(),
    value: z.union([z.string().max(100), z.number()]).optional().nullable(),
    comment: z.string().max(5000).optional().nullable(),
  })
  .passthrough();
const dataValueSetIn = z
  .object({
    dataSet: z.string().optional(),
    period: z.string().max(20).optional(),
    orgUnit: z.string().max(100).optional(),
    dataValues: z.array(dataValueIn).max(MAX_IMPORT_ROWS, t('exchange.tooManyRows', { max: MAX_IMPORT_ROWS.toLocaleString('vi-VN') })),
  })
  .passthrough();
const importSummaryOut = z.object({
  status: z.enum(['SUCCESS', 'ERROR']),
  description: z.string(),
  dryRun: z.boolean(),
  importCount: z.object({ imported: z.number().int(), updated: z.number().int(), ignored: z.number().int(), deleted: z.number().int() }),
  conflicts: z.array(z.object({ object: z.string(), value: z.string() })),
});

function formValue(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

/** The export filter from query parameters; unknown codes are a 400 with the field named. */
async function exportFilter(db: Database, p: Principal, q: z.infer<typeof exportQuery>): Promise<ExportFilter> {
  const fields: Record<string, string> = {};
  const filter: ExportFilter = { roots: valueReadRoots(p) };
  const code = (q.indicator ?? '').trim();
  if (code) {
    const [ind] = await db.select({ id: indicator.id }).from(indicator).where(eq(indicator.code, code));
    if (ind) filter.indicatorId = ind.id;
    else fields.indicator = t('exchange.filterUnknownIndicator', { code });
  }
  const period = (q.period ?? '').trim();
  if (period) {
    const key = isPeriodKey(period) ? period : fromDhis2Period(period);
    if (key) filter.period = key;
    else fields.period = t('exchange.filterBadPeriod', { period });
  }
  const unitCode = (q.unit ?? '').trim();
  if (unitCode) {
    const unit = await findUnitByCode(db, unitCode);
    if (unit) filter.unitPath = unit.path;
    else fields.unit = t('exchange.filterUnknownUnit', { code: unitCode });
  }
  if (Object.keys(fields).length) throw validationFailed(fields);
  return filter;
}

function requireExporter(req: FastifyRequest): Principal {
  const p = requirePrincipal(req);
  if (!canExportValues(p)) throw forbidden();
  return p;
}

function requireImporter(req: FastifyRequest): Principal {
  const p = requirePrincipal(req);
  if (!canImportValues(p)) throw forbidden();
  return p;
}

const needsImporter = async (req: FastifyRequest) => {
  requireImporter(req);
};

/** Refuses a declared body over the limit before it is read, with the file-size message. */
const refuseLargeBody = async (req: FastifyRequest) => {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > UPLOAD_BODY_LIMIT) throw AppError.of('PAYLOAD_TOO_LARGE', 'exchange.tooLarge', { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
};

/** DHIS2 dataValues → rows to import; row numbers count from 1 in the array. */
function dhis2Rows(set: z.infer<typeof dataValueSetIn>): ValueRow[] {
  return set.dataValues.map((dv, i) => {
    const rawPeriod = (dv.period ?? set.period ?? '').trim();
    const key = fromDhis2Period(rawPeriod);
    const comment = (dv.comment ?? '').normalize('NFC').trim();
    return {
      row: i + 1,
      indicatorCode: (dv.dataElement ?? '').normalize('NFC').trim(),
      unitCode: (dv.orgUnit ?? set.orgUnit ?? '').normalize('NFC').trim(),
      period: key ?? rawPeriod,
      rawPeriod,
      periodValid: !!key,
      value: dv.value == null ? '' : String(dv.value).trim(),
      comment: comment === '' ? null : comment,
    };
  });
}

function importSummary(r: ImportResult, rows: ValueRow[]) {
  const byRow = new Map(rows.map((x) => [x.row, x]));
  const objectOf = (row: number, field: string) => {
    const x = byRow.get(row);
    if (!x) return String(row);
    if (field === 'indicator_code') return x.indicatorCode || String(row);
    if (field === 'unit_code') return x.unitCode || String(row);
    if (field === 'period') return x.rawPeriod || String(row);
    if (field === 'value') return x.value || String(row);
    return `${x.indicatorCode}/${x.unitCode}/${x.rawPeriod}`;
  };
  const ok = r.errors.length === 0;
  const counts = { imported: ok ? r.imported : 0, updated: ok ? r.updated : 0, ignored: ok ? r.ignored : r.rows, deleted: 0 };
  return {
    status: ok ? ('SUCCESS' as const) : ('ERROR' as const),
    description: ok ? (r.dryRun ? t('exchange.import.checked', counts) : t('exchange.import.done', counts)) : t('exchange.import.errorsTitle', { count: r.errors.length }),
    dryRun: r.dryRun,
    importCount: counts,
    conflicts: r.errors.map((e) => ({ object: objectOf(e.row, e.field), value: e.message })),
  };
}

export async function registerIndicatorExchangeRoutes(app: TypedApp, ctx: AppContext) {
  const db = ctx.db;

  function renderPage(req: FastifyRequest, reply: FastifyReply, opts: { status?: number; result?: ImportResult | null; message?: string | null; exportValues?: ExportValues } = {}) {
    return sendPage(
      req,
      reply,
      { title: t('exchange.title'), status: opts.status },
      <ExchangePage
        csrfToken={req.csrfToken}
        canImport={canImportValues(req.principal)}
        exportValues={opts.exportValues ?? { indicator: '', period: '', unit: '' }}
        result={opts.result}
        message={opts.message}
      />,
    );
  }

  app.get('/indicators/exchange', { schema: { hide: true, querystring: exportQuery } }, async (req, reply) => {
    requireExporter(req);
    return renderPage(req, reply, { exportValues: { indicator: req.query.indicator ?? '', period: req.query.period ?? '', unit: req.query.unit ?? '' } });
  });

  async function sendCsv(req: FastifyRequest, reply: FastifyReply, q: z.infer<typeof exportQuery>) {
    const p = requireExporter(req);
    const rows = await listValuesForExport(db, await exportFilter(db, p, q));
    const body = csvDocument(
      ['indicator_code', 'unit_code', 'period', 'value', 'comment'],
      rows.map((r) => [r.indicatorCode, r.unitCode, r.period, Number(formatValue(r.value)), r.comment]),
    );
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentHeader(`so-lieu-chi-tieu-${hcmDate(new Date())}.csv`))
      .header('cache-control', 'private, no-store')
      .send(body);
  }

  app.get('/indicators/values.csv', { schema: { hide: true, querystring: exportQuery } }, async (req, reply) => sendCsv(req, reply, req.query));

  app.get(
    '/api/v1/indicators/values.csv',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Export indicator values as CSV (indicator_code,unit_code,period,value,comment; UTF-8 with BOM)',
        description: '`indicator` (code), `period` (2026, 2026-Q3, 2026-07), `unit` (code: that unit and its subtree). Only units the caller may read.',
        querystring: exportQuery,
      },
    },
    async (req, reply) => sendCsv(req, reply, req.query),
  );

  app.get(
    '/api/v1/indicators/values.dhis2.json',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Export indicator values as a DHIS2 dataValueSets document',
        description: 'dataElement = indicator code, orgUnit = unit code, period in DHIS2 syntax (2026, 2026Q3, 202607). `period` may be given in either syntax.',
        querystring: exportQuery,
        response: { 200: z.object({ dataValues: z.array(dataValueOut) }) },
      },
    },
    async (req, reply) => {
      const p = requireExporter(req);
      const rows = await listValuesForExport(db, await exportFilter(db, p, req.query));
      reply.header('cache-control', 'private, no-store');
      return {
        dataValues: rows.map((r) => ({
          dataElement: r.indicatorCode,
          period: toDhis2Period(r.period),
          orgUnit: r.unitCode,
          value: formatValue(r.value),
          ...(r.comment ? { comment: r.comment } : {}),
          lastUpdated: new Date(r.updatedAt).toISOString(),
        })),
      };
    },
  );

  // Imports: their own scope for the multipart and text/csv parsers and the larger body limit.
  await app.register(async (scoped) => {
    scoped.addHook('onRequest', needsImporter);
    scoped.addHook('onRequest', refuseLargeBody);
    scoped.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT }, (_req, body, done) => done(null, body));
    await enableMultipart(scoped);
    const typed = scoped as unknown as TypedApp;

    typed.post('/indicators/exchange/import', { schema: { hide: true }, bodyLimit: UPLOAD_BODY_LIMIT }, async (req, reply) => {
      const p = requireImporter(req);
      const dryRun = formValue(req.body, 'dryRun') === 'on';
      const file = (req.uploads ?? []).find((u) => u.fieldName === 'file');
      if (!file || file.buffer.length === 0) return renderPage(req, reply, { status: 400, message: t('exchange.noFile') });
      let result: ImportResult;
      try {
        const rows = readValuesCsv(file.buffer);
        result = await importIndicatorValues(db, rows, { principal: p, actor: actorOf(req), dryRun, source: 'csv' });
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && err.status !== 403) return renderPage(req, reply, { status: err.status, message: err.message });
        throw err;
      }
      return renderPage(req, reply, { status: result.errors.length ? 400 : 200, result });
    });

    typed.post(
      '/api/v1/indicators/values.csv',
      {
        bodyLimit: UPLOAD_BODY_LIMIT,
        schema: {
          tags: ['indicators'],
          summary: 'Import indicator values from CSV (body text/csv, or multipart field `file`)',
          description: 'All or nothing: with any row error nothing is written (400 with every error by row number). At most 2 MB and 20,000 rows. `dryRun=true` only checks.',
          querystring: dryRunQuery,
          // a 400 is this result with row errors, or the common error shape for file-level problems
          response: { 200: importResultOut, 201: importResultOut, 400: z.union([importResultOut, errorOut]) },
        },
      },
      async (req, reply) => {
        const p = requireImporter(req);
        const buffer = Buffer.isBuffer(req.body) ? req.body : (req.uploads ?? []).find((u) => u.fieldName === 'file')?.buffer;
        if (!buffer || buffer.length === 0) throw validationFailed({ file: t('exchange.noFile') });
        const dryRun = req.query.dryRun === 'true';
        const result = await importIndicatorValues(db, readValuesCsv(buffer), { principal: p, actor: actorOf(req), dryRun, source: 'csv' });
        return reply.status(result.errors.length ? 400 : dryRun ? 200 : 201).send(result);
      },
    );

    typed.post(
      '/api/v1/indicators/values.dhis2.json',
      {
        bodyLimit: UPLOAD_BODY_LIMIT,
        // a declared size over the limit is refused before the JSON is parsed
        preParsing: async (req: FastifyRequest) => {
          if (Number(req.headers['content-length'] ?? 0) > MAX_IMPORT_BYTES) throw AppError.of('PAYLOAD_TOO_LARGE', 'exchange.tooLarge', { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
        },
        schema: {
          tags: ['indicators'],
          summary: 'Import a DHIS2 dataValueSets document',
          description:
            'dataElement = indicator code, orgUnit = unit code, period in DHIS2 syntax (2026, 2026Q3, 202607); top-level period/orgUnit apply to values without their own. All or nothing: status ERROR (409) with conflicts writes nothing. `dryRun=true` only checks.',
          querystring: dryRunQuery,
          body: dataValueSetIn,
          response: { 200: importSummaryOut, 409: importSummaryOut },
        },
      },
      async (req, reply) => {
        const p = requireImporter(req);
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > MAX_IMPORT_BYTES || (!declared && Buffer.byteLength(JSON.stringify(req.body)) > MAX_IMPORT_BYTES)) throw AppError.of('PAYLOAD_TOO_LARGE', 'exchange.tooLarge', { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
        const rows = dhis2Rows(req.body);
        if (rows.length === 0) throw validationFailed({ dataValues: t('exchange.empty') });
        const dryRun = req.query.dryRun === 'true';
        const result = await importIndicatorValues(db, rows, { principal: p, actor: actorOf(req), dryRun, source: 'dhis2', periodMessage: 'exchange.badDhis2Period' });
        return reply.status(result.errors.length ? 409 : 200).send(importSummary(result, rows));
      },
    );
  });
}
