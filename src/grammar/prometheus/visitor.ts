/**
 * Parsed lines → model (prometheus/parser.ts: a line's first token, and what its rule read). The visitor is stateful across chunks: metric families (HELP/TYPE) come before
 * their samples, and an input may hold several expositions one after the other. A new scrape
 * starts where the text says so: a series repeats, or an OpenMetrics `# EOF` ended the one before. Samples with `job`/`instance` labels are scrapes of
 * the target those labels name. In a page whose families have HELP/TYPE lines, a series repeats
 * into a new scrape only right after the HELP/TYPE lines of its family (as every page starts);
 * repeated anywhere else it is a duplicate sample in one page (addSample).
 */
import type { IToken } from 'chevrotain';
import { parseGoFloat } from '../common/decimal.js';
import { unendedLineMessage } from '../common/grammarreader.js';
import { LineBuilder } from '../common/linevisitor.js';
import type { Position } from '../common/positions.js';
import { detach } from '../common/strings.js';
import { METRIC_TYPES, Scrape, TARGET_LABELS, type Exposition, type Labels, type MetricFamily, type MetricType, type SampleValue } from './model.js';
import { prometheusParser, type HelpLine, type LabelTokens, type SampleTokens, type TypeLine, type UnitLine } from './parser.js';
import { EofMarker, NumberLiteral, SAMPLE_LINE_FIELDS, SampleLine } from './tokens.js';

/** The target key of a sample without job or instance labels: a program's own /metrics page. */
const NO_TARGET = TARGET_LABELS.map(() => '').join('\u0000');

export interface PrometheusOptions {
  /** Keep the samples of this metric name (default: all). Memory stays bounded by what is kept. */
  keep?: (name: string) => boolean;
  /**
   * Hands each scrape over once it is complete (the next scrape of its target has started, an
   * OpenMetrics `# EOF`, or the end), in the order they started, instead of keeping it in
   * `Exposition.scrapes`: a long series of scrapes is then read in memory bounded by one scrape
   * per target being read (a target that stops appearing holds back the scrapes after it).
   */
  onScrape?: (scrape: Scrape) => void;
}

interface OpenScrape {
  scrape: Scrape;
  /** Its number (the scrapes read before it, plus one): SeriesState.seenIn. */
  id: number;
  /** The series seen in it that have no SeriesState (past INTERNED of them), by SeriesKey. */
  overflow: Set<string> | undefined;
  /**
   * It started right after HELP/TYPE lines: its next one starts after its family's (a repeated
   * series elsewhere is a duplicate). Pages without them (a federation dump's later targets, bare
   * samples) start again at any repeated series.
   */
  headed: boolean;
}

/**
 * A series (a metric name and the key of its label set) across scrapes: a series seen twice in
 * the open scrape of its target starts the next one. One object a series for the whole input,
 * found once per series text, instead of a Map per scrape filled with every sample.
 */
interface SeriesState {
  /** The id of the last open scrape the series was added to (0: none). */
  seenIn: number;
  /** The input line of its sample in that scrape (a duplicate's message names it). */
  line: number;
}

/** A label set as the reader keeps it: shared by every sample that writes it the same way. */
interface LabelSet {
  labels: Labels;
  /** The target it names (job, instance), and that as a key of `open`. */
  target: Record<string, string>;
  targetKey: string;
  /** The set's series key: its pairs sorted, so that an order written differently is the same series. */
  series: string;
}

/** What the reader keeps of a metric name, found once per name (nameInfo). */
interface NameInfo {
  /** The kept copy (intern). */
  name: string;
  /** Whether PrometheusOptions.keep keeps its samples. */
  keep: boolean;
  /** For `x_total`, `x`: a counter family of that name makes the page OpenMetrics (kept). */
  counterOf: string | undefined;
}

/** A SampleLine's series as written (`name{label="value"}`): its name and label set, read once per text. */
interface SeriesText {
  text: string;
  info: NameInfo;
  set: LabelSet | DuplicateLabel;
  /** Its series (PrometheusBuilder.seriesOf), found the first time a sample of it is kept. */
  state: SeriesState | string | undefined;
  /** The series text of the sample line that followed it the last time (both kept in PrometheusBuilder.seriesTexts). */
  next: SeriesText | undefined;
}

/** A HELP or TYPE line read without a diagnostic (PrometheusBuilder.knownLine). */
interface KnownLine {
  text: string;
  /** The family it names. */
  family: string;
  /** The `#` line that followed it the last time it was served from the cache (if that one was too). */
  next: KnownLine | undefined;
}

/** A SampleLine's label text naming one label twice: where the second one is. */
interface DuplicateLabel {
  duplicate: string;
  /** Offset of the second pair in the label text. */
  offset: number;
}

/** An integer timestamp in this range is OpenMetrics seconds (1973…5138); 0.0.4 writes milliseconds (1e11 ms is 1973). */
const SECONDS_TIMESTAMP_FROM = 1e8;
const SECONDS_TIMESTAMP_LIMIT = 1e11;

/** At most this many distinct HELP/TYPE lines are cached: a page has a few hundred. */
const KNOWN_LINES = 10_000;
/** At most this many distinct names, label texts and series keys are interned (a page has a few hundred). */
const INTERNED = 10_000;

/** At most this many families of one run of HELP/TYPE lines are kept (a page's run names one). */
const RUN_FAMILIES = 16;
/** The suffixes of a family's sample names: histograms, summaries, OpenMetrics counters and infos. */
const SAMPLE_SUFFIXES = new Set(['bucket', 'sum', 'count', 'total', 'created', 'info', 'gcount', 'gsum']);

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** One `name="value"` pair of a SampleLine token's labels (no escapes in them: the token made sure). */
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"/g;

export class PrometheusBuilder extends LineBuilder {
  private readonly families = new Map<string, MetricFamily>();
  /** Every scrape, in the order they started; with `onScrape`, only those not handed over yet. */
  private readonly scrapes: Scrape[] = [];
  /** With `onScrape`: the scrapes of `scrapes` that are complete (an earlier one may still be open). */
  private readonly closed = new Set<Scrape>();
  private scrapeCount = 0;
  /** The scrape being read for each target key ('' when the samples name no target). */
  private readonly open = new Map<string, OpenScrape>();
  /** The first HELP or TYPE line since the last sample: where a scrape starting at the next sample begins. */
  private runStart: Position | undefined;
  /** The families those HELP and TYPE lines name (RUN_FAMILIES at most): a series of one may start a scrape. */
  private readonly runFamilies: string[] = [];
  private format: Exposition['format'] = '0.0.4';
  /** Whether the last metric line was `# EOF`: an OpenMetrics page without it was cut short. */
  private endedWithEof = false;
  /** The input line of the last metric line (HELP, TYPE, UNIT or a sample). */
  private lastLine: number | undefined;
  private currentLine = 0;
  /** The input's last line when it has no line end (unendedLastLine), and the hint of its error. */
  private unended: { position: Position; hint: string } | undefined;
  private skippedSamples = 0;
  /** HELP and TYPE lines read before, by their text (knownLine). */
  private readonly known = new Map<string, KnownLine>();
  /** The known line served last, when the `#` lines since were all known: its `next` is the likely next one. */
  private lastKnown: KnownLine | undefined;
  /** Kept strings, shared by every sample that has them (bounded by INTERNED). */
  private readonly names = new Map<string, string>();
  /** Label sets of SampleLine tokens by their label text as written (`quantile="0.25"`). */
  private readonly labelTexts = new Map<string, LabelSet | DuplicateLabel>();
  /** SampleLine series texts (name and braces as written) read before: one lookup a sample instead of one per part. */
  private readonly seriesTexts = new Map<string, SeriesText>();
  /** The series text of the last sample line, when it is kept in seriesTexts: its `next` is the likely next one. */
  private lastSeries: SeriesText | undefined;
  private readonly nameInfos = new Map<string, NameInfo>();
  private readonly seriesKeys = new Map<string, string>();
  /** Every series read, by `name\u0000series key` (INTERNED at most; past that, OpenScrape.overflow). */
  private readonly seriesStates = new Map<string, SeriesState>();
  private readonly noLabels = this.labelSet([]);

  constructor(source: string, private readonly options: PrometheusOptions = {}) {
    super(source);
  }

  /**
   * Reads the line parsed at `index` (its first token, `main`; what its rule read in
   * prometheusParser.details) at input line `line`, the `index`-th line of `text` (see
   * LineConsumer.visitLine).
   */
  visitLine(main: IToken, line: number, index: number, text: string): void {
    this.currentLine = line;
    this.at.enter(line, index, text);
    // OpenMetrics may leave out the line end after `# EOF`, and only there.
    if (line === this.unended?.position.line && main.tokenType !== EofMarker) {
      this.reportUnended();
      return;
    }
    if (main.tokenType === SampleLine) {
      this.endedWithEof = false;
      this.lastLine = line;
      this.sampleLine(main);
      return;
    }
    const detail = prometheusParser.details[index];
    if (detail !== undefined) {
      this.endedWithEof = false;
      this.lastLine = line;
      const reported = this.at.log.count;
      switch (detail.kind) {
        case 'sample':
          this.sample(detail);
          break;
        case 'help':
          this.help(detail);
          break;
        case 'type':
          this.type(detail);
          break;
        case 'unit':
          this.unit(detail);
          break;
      }
      if (detail.kind !== 'sample' && detail.kind !== 'unit' && this.at.log.count === reported) this.remember(detail);
      return;
    }
    if (main.tokenType === EofMarker) {
      this.endedWithEof = true;
      this.format = 'openmetrics';
      this.closeScrapes();
      this.endRun();
    }
  }

  /**
   * The input's last line has no line end, at `position` (GrammarReader): both text formats end
   * every line with one, so the page was cut, and a value cut short still reads (`2.` of
   * `2.8231160e+07`, `2` without its exponent). The line is not used: what came before is.
   */
  unendedLastLine(position: Position, hint: string): void {
    this.unended = { position, hint };
  }

  private reportUnended(): void {
    if (!this.unended) return;
    this.at.report(this.unended.position, 'error', unendedLineMessage('the line is not used'), this.unended.hint, true);
  }

  finish(lineCount: number): Exposition {
    // A last line without a line end (not `# EOF`) said that the page is cut, as an error of its own.
    if (this.format === 'openmetrics' && !this.endedWithEof && this.lastLine !== undefined && !this.unended) {
      this.at.report({ line: this.lastLine, column: 1 }, 'error', "the OpenMetrics page does not end with '# EOF': the response was cut short",
        'the lines before were read; fetch /metrics again and save the whole response');
    }
    this.closeScrapes();
    return { format: this.format, families: this.families, scrapes: this.scrapes, scrapeCount: this.scrapeCount, skippedSamples: this.skippedSamples, lineCount };
  }

  /**
   * A HELP or TYPE line read before, by its exact text (ChunkedLineReader's cache): every scrape
   * repeats them, and a second reading would change nothing but where the next scrape starts.
   */
  knownLine(text: string, start: number, end: number): string | undefined {
    if (this.known.size === 0) return undefined;
    const line = text.slice(start, end);
    // Every scrape writes its HELP and TYPE lines in the same order: the line that followed the
    // last one served is compared first (equal strings compare bytes, a Map hashes every character).
    const expected = this.lastKnown?.next;
    const known = expected !== undefined && expected.text === line ? expected : this.known.get(line);
    if (this.lastKnown && known) this.lastKnown.next = known;
    this.lastKnown = known;
    return known?.family;
  }

  /** A cached HELP or TYPE line naming `family` at input line `line`: what visiting it again would do. */
  useKnownLine(family: string, line: number): void {
    this.currentLine = line;
    if (line === this.unended?.position.line) {
      this.reportUnended();
      return;
    }
    this.endedWithEof = false;
    this.lastLine = line;
    this.runStart ??= { line, column: 1 };
    this.inRun(family);
  }

  /** Caches a HELP or TYPE line read without a diagnostic (its text: first token to line end). */
  private remember(line: HelpLine | TypeLine): void {
    const { keyword, newline } = line;
    if (this.known.size >= KNOWN_LINES) return;
    if (keyword.startColumn !== 1) return;
    const text = detach(this.at.text.slice(keyword.startOffset, newline.startOffset));
    this.known.set(text, { text, family: this.intern(line.kind === 'help' ? line.name.image : line.metric.image), next: undefined });
  }

  /** A HELP or TYPE line of `family` in the run since the last sample. */
  private inRun(family: string): void {
    if (this.runFamilies.length < RUN_FAMILIES && !this.runFamilies.includes(family)) this.runFamilies.push(family);
  }

  /** A sample line ends the run of HELP and TYPE lines. */
  private endRun(): void {
    this.runStart = undefined;
    this.runFamilies.length = 0;
  }

  /** Whether a sample named `name` is of a family the run names (`x`, `x_bucket`, `x_total`, … of `x`). */
  private ofRunFamily(name: string): boolean {
    return this.runFamilies.some((family) => name === family
      || (name.length > family.length + 1 && name.startsWith(family) && name.charCodeAt(family.length) === 0x5f && SAMPLE_SUFFIXES.has(name.slice(family.length + 1))));
  }

  private help({ keyword, name: nameToken, docstring }: HelpLine): void {
    const position = this.at.pos(nameToken);
    this.runStart ??= this.at.pos(keyword);
    this.inRun(this.intern(nameToken.image));
    const text = docstring?.image.replace(/^[ \t]+/, '');
    const family = this.family(nameToken.image, position);
    family.help ??= text === undefined ? '' : detach(unescapeHelp(text));
  }

  private type({ keyword, metric: nameToken, type: kindToken }: TypeLine): void {
    this.runStart ??= this.at.pos(keyword);
    this.inRun(this.intern(nameToken.image));
    const kind = kindToken.image as MetricType;
    if (!(METRIC_TYPES as readonly string[]).includes(kind)) {
      this.at.report(this.at.pos(kindToken), 'error', `unknown metric type '${kindToken.image}'`,
        `a TYPE line names one of ${METRIC_TYPES.join(', ')}; the line was skipped`);
      return;
    }
    // A family typed twice is no sign of a new scrape: client_golang's OpenMetrics output types
    // go_memstats_alloc_bytes as a gauge and again (go_memstats_alloc_bytes_total) as a counter.
    const family = this.family(nameToken.image, this.at.pos(nameToken));
    family.type ??= kind;
  }

  private unit({ metric: nameToken, unit }: UnitLine): void {
    this.format = 'openmetrics';
    const family = this.family(nameToken.image, this.at.pos(nameToken));
    family.unit ??= unit?.image;
  }

  /** A well-formed sample as one token: its parts are the lexer's capture groups (tokens.ts SAMPLE_LINE_FIELDS). */
  private sampleLine(tok: IToken): void {
    const m = tok.payload as RegExpExecArray;
    const text = m[SAMPLE_LINE_FIELDS.series] ?? '';
    // Every scrape writes its samples in the same order: the series that followed the last one is
    // compared first (equal strings compare bytes, a Map hashes every character).
    const expected = this.lastSeries?.next;
    let series = expected !== undefined && expected.text === text ? expected : this.seriesTexts.get(text);
    let cached = series !== undefined;
    if (series === undefined) {
      const brace = text.indexOf('{');
      const name = brace < 0 ? text : text.slice(0, brace);
      series = { text: detach(text), info: this.nameInfo(name), set: this.labelsOfText(brace < 0 ? undefined : text.slice(brace + 1, -1)), state: undefined, next: undefined };
      cached = this.seriesTexts.size < INTERNED;
      if (cached) this.seriesTexts.set(series.text, series);
    }
    if (this.lastSeries && cached) this.lastSeries.next = series;
    this.lastSeries = cached ? series : undefined;
    const { info, set } = series;
    const column = tok.startColumn ?? 1;
    if ('duplicate' in set) {
      this.at.report({ line: this.currentLine, column: column + info.name.length + 1 + set.offset }, 'error',
        `label '${set.duplicate}' appears twice in one sample`, 'each label name may appear once per sample');
      return;
    }
    if (!this.kept(info)) return;
    const valueText = m[SAMPLE_LINE_FIELDS.value] ?? '';
    const stamp = m[SAMPLE_LINE_FIELDS.timestamp];
    series.state ??= this.seriesOf(info.name, set);
    this.addSample(info.name, set, series.state, parseGoFloat(valueText), valueText, stamp === undefined ? undefined : timestampMs(stamp), this.currentLine, column);
  }

  /** The series of `name` with `set`, or its key when INTERNED series are kept already (OpenScrape.overflow). */
  private seriesOf(name: string, set: LabelSet): SeriesState | string {
    const key = `${name}\u0000${set.series}`;
    let state = this.seriesStates.get(key);
    if (state === undefined) {
      if (this.seriesStates.size >= INTERNED) return key;
      state = { seenIn: 0, line: 0 };
      this.seriesStates.set(detach(key), state);
    }
    return state;
  }

  /** The label set of a SampleLine's label text (none: no braces or `{}`), shared by every series text that writes it the same way. */
  private labelsOfText(body: string | undefined): LabelSet | DuplicateLabel {
    if (!body) return this.noLabels;
    let set = this.labelTexts.get(body);
    if (set === undefined) {
      set = this.plainLabels(body);
      if (this.labelTexts.size < INTERNED) this.labelTexts.set(detach(body), set);
    }
    return set;
  }

  /** What the reader keeps of a metric name (INTERNED names at most; past that, found again each time). */
  private nameInfo(name: string): NameInfo {
    let info = this.nameInfos.get(name);
    if (info === undefined) {
      const kept = this.intern(name);
      info = { name: kept, keep: !this.options.keep || this.options.keep(kept), counterOf: kept.endsWith('_total') ? kept.slice(0, -6) : undefined };
      if (this.nameInfos.size < INTERNED) this.nameInfos.set(kept, info);
    }
    return info;
  }

  /** The label set of a SampleLine's label text (only plain `name="value"` pairs: the token made sure). */
  private plainLabels(body: string): LabelSet | DuplicateLabel {
    const labels: [string, string][] = [];
    for (const pair of body.matchAll(LABEL_PAIR)) {
      const labelName = pair[1] ?? '';
      if (labels.some(([n]) => n === labelName)) return { duplicate: detach(labelName), offset: pair.index ?? 0 };
      labels.push([this.intern(labelName), detach(pair[2] ?? '')]);
    }
    return this.labelSet(labels);
  }

  private sample({ metric: metricToken, labels: labelsTokens, value: valueToken, timestamp }: SampleTokens): void {
    const first = metricToken ?? labelsTokens?.open;
    const position = this.at.pos(first);
    const labels = labelsTokens ? this.readLabels(labelsTokens.labels) : [];
    if (!labels) return; // a bad label: reported
    let name = metricToken?.image;
    if (name === undefined) {
      // `{"my.metric",code="200"} 1`: the name is the quoted string without '='.
      const index = labels.findIndex(([n]) => n === '');
      if (index < 0) {
        this.at.report(position, 'error', 'a sample without a metric name', 'write the name before the braces, or quoted as the first item inside them');
        return;
      }
      name = labels[index]?.[1] ?? '';
      labels.splice(index, 1);
    } else if (labels.some(([n]) => n === '')) {
      this.at.report(position, 'error', 'a quoted string without \'=\' among the labels of a named sample', 'write each label as name="value"');
      return;
    }
    const info = this.nameInfo(name);
    if (!this.kept(info)) return;
    const value = this.readValue(valueToken);
    const set = this.labelSet(labels);
    this.addSample(info.name, set, this.seriesOf(info.name, set), value.number, value.text, timestamp ? this.readTimestamp(timestamp) : undefined, position.line, position.column);
  }

  /** Whether the reader keeps samples of this name (PrometheusOptions.keep); a sample not kept is counted. */
  private kept(info: NameInfo): boolean {
    // `# TYPE x counter` with samples named x_total is OpenMetrics (0.0.4 types the sample's own name).
    if (info.counterOf !== undefined && this.format !== 'openmetrics' && this.families.get(info.counterOf)?.type === 'counter') this.format = 'openmetrics';
    if (!info.keep) {
      this.skippedSamples++;
      this.endRun();
      return false;
    }
    return true;
  }

  /**
   * A kept sample (`name` its kept copy), into the scrape of its target: a series seen before in it
   * starts the next scrape, unless the scrape is a page of HELP/TYPE lines (OpenScrape.headed) and
   * the sample does not follow those of its own family (a page starts with them): then it is the
   * same series twice in one page (an edited file, pages merged line by line), and not used.
   */
  private addSample(name: string, set: LabelSet, series: SeriesState | string, number: number, valueText: string, timestampMs: number | undefined, line: number, column: number): void {
    let open = this.open.get(set.targetKey);
    if (open && (typeof series === 'string' ? open.overflow?.has(series) === true : series.seenIn === open.id)) {
      const startsPage = this.runStart !== undefined && this.ofRunFamily(name);
      // Only a program's own page (no target labels): concatenated /federate pages interleave
      // targets, and a target that appears later breaks the run of a page's first families.
      const ownPage = set.targetKey === NO_TARGET;
      if (open.headed && ownPage && !startsPage) {
        this.endRun();
        const first = typeof series === 'string' ? '' : ` (first at line ${series.line})`;
        this.at.report({ line, column }, 'error', `the series ${seriesName(name, set.labels)} appears twice in one page${first}, not after its family's HELP and TYPE lines: the second sample is not used`,
          'a client writes each series once a page; was the file edited, or pages merged line by line? Save the /metrics response as it came (curl -s URL > metrics.txt)');
        return;
      }
      this.open.delete(set.targetKey);
      if (this.options.onScrape) this.closed.add(open.scrape);
      open = undefined;
    }
    if (!open) {
      const scrape = new Scrape(set.target, this.runStart ?? { line, column });
      this.scrapeCount++;
      open = { scrape, id: this.scrapeCount, overflow: undefined, headed: this.runStart !== undefined };
      this.open.set(set.targetKey, open);
      this.scrapes.push(scrape);
      this.handOver();
    }
    this.endRun();
    if (typeof series === 'string') (open.overflow ??= new Set()).add(series);
    else {
      series.seenIn = open.id;
      series.line = line;
    }
    open.scrape.columns.push(name, set.labels, number, detach(valueText), timestampMs, line, column);
  }

  /** The label set of these labels (in the order written), with its target and series key. */
  private labelSet(labels: [string, string][]): LabelSet {
    const target: Record<string, string> = {};
    for (const [n, v] of labels) if ((TARGET_LABELS as readonly string[]).includes(n)) target[n] = v;
    const targetKey = TARGET_LABELS.map((n) => target[n] ?? '').join('\u0000');
    const series = labels.map(([n, v]) => `${n}=${v}`).sort().join('\u0000');
    let key = this.seriesKeys.get(series);
    if (key === undefined) {
      key = detach(series);
      if (this.seriesKeys.size < INTERNED) this.seriesKeys.set(key, key);
    }
    return { labels, target, targetKey: this.intern(targetKey), series: key };
  }

  /** The one kept copy of a name (INTERNED at most; past that, a copy of its own). */
  private intern(text: string): string {
    let kept = this.names.get(text);
    if (kept === undefined) {
      kept = detach(text);
      if (this.names.size < INTERNED) this.names.set(kept, kept);
    }
    return kept;
  }

  /** The labels unescaped, or undefined after reporting a bad one. A quoted name without '=' has the name ''. */
  private readLabels(labels: readonly LabelTokens[]): [string, string][] | undefined {
    const out: [string, string][] = [];
    for (const { name: nameToken, quoted, text: textToken } of labels) {
      let name: string;
      let valueToken: IToken;
      if (nameToken) {
        name = nameToken.image;
        if (!LABEL_NAME.test(name)) {
          this.at.report(this.at.pos(nameToken), 'error', `'${name}' is not a label name (a ':' is allowed only in metric names)`, 'label names match [a-zA-Z_][a-zA-Z0-9_]*');
          return undefined;
        }
        valueToken = textToken as IToken;
      } else if (textToken && quoted) {
        const unquoted = this.unescapeLabel(quoted);
        if (unquoted === undefined) return undefined;
        name = unquoted;
        valueToken = textToken;
      } else {
        const unquoted = quoted ? this.unescapeLabel(quoted) : undefined;
        if (unquoted === undefined) return undefined;
        out.push(['', detach(unquoted)]);
        continue;
      }
      const value = this.unescapeLabel(valueToken);
      if (value === undefined) return undefined;
      if (out.some(([n]) => n === name)) {
        this.at.report(this.at.pos(nameToken ?? quoted), 'error', `label '${name}' appears twice in one sample`, 'each label name may appear once per sample');
        return undefined;
      }
      out.push([detach(name), detach(value)]);
    }
    return out;
  }

  /** A quoted label value without its quotes, with \\, \" and \n unescaped (text_parse.go accepts no other escape). */
  private unescapeLabel(tok: IToken): string | undefined {
    const body = tok.image.slice(1, -1);
    if (!body.includes('\\')) return body;
    let out = '';
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (c !== '\\') {
        out += c;
        continue;
      }
      const next = body[++i];
      if (next === '\\' || next === '"') out += next;
      else if (next === 'n') out += '\n';
      else {
        const at = this.at.pos(tok);
        this.at.report({ line: at.line, column: at.column + i }, 'error', `invalid escape sequence '\\${next ?? ''}' in a label value`,
          'label values may escape only \\\\, \\" and \\n; the sample was skipped');
        return undefined;
      }
    }
    return out;
  }

  /** A value token (a NumberLiteral or a SpecialFloat). */
  private readValue(tok: IToken): SampleValue {
    return { number: parseGoFloat(tok.image), text: detach(tok.image) };
  }

  /** A timestamp token (a NumberLiteral, or a SpecialFloat: reported). */
  private readTimestamp(tok: IToken): number | undefined {
    if (tok.tokenType !== NumberLiteral) {
      this.at.report(this.at.pos(tok), 'error', 'a timestamp must be a finite number', 'timestamps are milliseconds since 1970 (0.0.4) or seconds (OpenMetrics); the timestamp was ignored');
      return undefined;
    }
    return timestampMs(tok.image);
  }

  private family(name: string, position: Position): MetricFamily {
    let family = this.families.get(name);
    if (!family) {
      family = { name: detach(name), type: undefined, help: undefined, unit: undefined, position };
      this.families.set(family.name, family);
    }
    return family;
  }

  /** The expositions being read are complete: the next sample of any target starts a new scrape. */
  private closeScrapes(): void {
    if (this.options.onScrape) for (const { scrape } of this.open.values()) this.closed.add(scrape);
    this.open.clear();
    this.handOver();
  }

  /** With `onScrape`: hands over the complete scrapes that no earlier scrape still being read holds back. */
  private handOver(): void {
    const { onScrape } = this.options;
    if (!onScrape) return;
    let done = 0;
    for (const scrape of this.scrapes) {
      if (!this.closed.has(scrape)) break;
      this.closed.delete(scrape);
      done++;
    }
    if (done === 0) return;
    const complete = this.scrapes.splice(0, done);
    for (const scrape of complete) onScrape(scrape);
  }
}

/** A series as a page writes it: `name{label="value",…}` (values unescaped). */
function seriesName(name: string, labels: Labels): string {
  return labels.length === 0 ? name : `${name}{${labels.map(([n, v]) => `${n}="${v}"`).join(',')}}`;
}

/** A timestamp as written, in ms: OpenMetrics writes seconds (usually with a fraction); 0.0.4 integer milliseconds. */
function timestampMs(text: string): number {
  const n = Number(text);
  return /[.eE]/.test(text) || (n > SECONDS_TIMESTAMP_FROM && n < SECONDS_TIMESTAMP_LIMIT) ? n * 1000 : n;
}

/** A HELP docstring: text_parse.go unescapes \\ and \n; anything else is kept as written. */
function unescapeHelp(text: string): string {
  return text.includes('\\') ? text.replace(/\\([\\n])/g, (_m, c: string) => (c === 'n' ? '\n' : '\\')) : text;
}
