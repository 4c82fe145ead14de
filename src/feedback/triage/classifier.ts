/**
 * The triage classifier: multinomial Naive Bayes over folded Vietnamese syllable n-grams, with
 * three independent heads (kind, topic, competent agency). Pure and deterministic: the same
 * examples give the same model and the same answers, so tests and the accuracy report are stable.
 *
 * Text is folded (lower case, diacritics removed, đ→d) before it is split into syllables, so
 * "Chuyển đổi số" and "chuyen doi so" are the same features. Features are syllable unigrams and
 * bigrams; the title counts twice because it is the submitter's own summary. Log-space with
 * Laplace smoothing; features never seen in training are ignored, so garbage input falls back
 * to the priors and a low confidence.
 *
 * Confidence is the posterior of the top label after a temperature of √(number of known
 * features): plain Naive Bayes multiplies many correlated n-gram likelihoods and claims ~100 %
 * for almost anything, which would tell an officer nothing. The ranking is unchanged.
 */
import { foldText } from '../../platform/text/fold';

export interface TriageText {
  title: string;
  content: string;
}

export interface LabelledExample extends TriageText {
  kind: string;
  topicCode: string;
  agencyCode: string;
  /** how much this example counts (officer decisions count more than the starter set); default 1 */
  weight?: number;
}

export interface HeadPrediction {
  label: string;
  confidence: number;
}

export interface TriagePrediction {
  kind: HeadPrediction | null;
  topic: HeadPrediction | null;
  agency: HeadPrediction | null;
  /** how many of the text's features the model knew: 0 means it was guessing from priors */
  knownFeatures: number;
}

export const TITLE_WEIGHT = 2;
/**
 * Laplace smoothing (add-α) per head. The agency head smooths least: a province's name is a rare
 * feature that must still count. Chosen on the starter set (see README, accuracy section).
 */
const ALPHA = { kind: 1, topic: 0.5, agency: 0.1 } as const;
/** Only this much text is read: beyond it the labels are long settled and the cost only grows. */
const MAX_CHARS = 6_000;

/** Folded syllables: "Vùng lõm sóng 4G" → ["vung", "lom", "song", "4g"]. */
export function syllables(text: string): string[] {
  const folded = foldText(text.slice(0, MAX_CHARS));
  return folded === '' ? [] : folded.split(' ');
}

/** Unigram and bigram counts of one piece of text, added into `into` with `weight`. */
function addNgrams(into: Map<string, number>, text: string, weight: number) {
  const s = syllables(text);
  for (let i = 0; i < s.length; i++) {
    into.set(s[i], (into.get(s[i]) ?? 0) + weight);
    if (i + 1 < s.length) {
      const bigram = `${s[i]} ${s[i + 1]}`;
      into.set(bigram, (into.get(bigram) ?? 0) + weight);
    }
  }
}

/** The feature vector of a title and content: title n-grams weigh TITLE_WEIGHT, content 1. */
export function featuresOf(input: TriageText): Map<string, number> {
  const f = new Map<string, number>();
  addNgrams(f, input.title, TITLE_WEIGHT);
  addNgrams(f, input.content, 1);
  return f;
}

/** One head: per-label prior and per-feature log-likelihoods. */
interface Head {
  labels: string[];
  logPrior: Float64Array;
  /** feature → log P(feature | label) per label (features outside the vocabulary are ignored) */
  logLikelihood: Map<string, Float64Array>;
}

export interface TriageModel {
  kind: Head;
  topic: Head;
  agency: Head;
  vocabularySize: number;
  exampleCount: number;
}

function trainHead(vectors: Map<string, number>[], labels: string[], weights: number[], vocabulary: string[], alpha: number): Head {
  const names = [...new Set(labels)].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const docWeight = new Float64Array(names.length);
  const totals = new Float64Array(names.length);
  const counts = new Map<string, Float64Array>();
  vectors.forEach((v, d) => {
    const k = index.get(labels[d])!;
    const w = weights[d];
    docWeight[k] += w;
    for (const [feature, n] of v) {
      let row = counts.get(feature);
      if (!row) {
        row = new Float64Array(names.length);
        counts.set(feature, row);
      }
      row[k] += n * w;
      totals[k] += n * w;
    }
  });
  const allDocs = docWeight.reduce((a, b) => a + b, 0);
  const logPrior = docWeight.map((w) => Math.log(w / allDocs));
  const denominators = totals.map((t) => Math.log(t + alpha * vocabulary.length));
  const logLikelihood = new Map<string, Float64Array>();
  for (const feature of vocabulary) {
    const row = counts.get(feature)!;
    logLikelihood.set(
      feature,
      row.map((c, k) => Math.log(c + alpha) - denominators[k]),
    );
  }
  return { labels: names, logPrior, logLikelihood };
}

/** Trains the three heads. Deterministic: labels are sorted, ties go to the first label. */
export function trainTriageModel(examples: readonly LabelledExample[]): TriageModel {
  const vectors = examples.map(featuresOf);
  const vocabulary = [...new Set(vectors.flatMap((v) => [...v.keys()]))].sort();
  const weights = examples.map((e) => e.weight ?? 1);
  return {
    kind: trainHead(
      vectors,
      examples.map((e) => e.kind),
      weights,
      vocabulary,
      ALPHA.kind,
    ),
    topic: trainHead(
      vectors,
      examples.map((e) => e.topicCode),
      weights,
      vocabulary,
      ALPHA.topic,
    ),
    agency: trainHead(
      vectors,
      examples.map((e) => e.agencyCode),
      weights,
      vocabulary,
      ALPHA.agency,
    ),
    vocabularySize: vocabulary.length,
    exampleCount: examples.length,
  };
}

/** Scores one head; O(number of features × labels). */
function predictHead(head: Head, features: Map<string, number>): { prediction: HeadPrediction | null; known: number } {
  if (head.labels.length === 0) return { prediction: null, known: 0 };
  const scores = Float64Array.from(head.logPrior);
  let known = 0;
  for (const [feature, n] of features) {
    const row = head.logLikelihood.get(feature);
    if (!row) continue;
    known += n;
    for (let k = 0; k < scores.length; k++) scores[k] += n * row[k];
  }
  const temperature = Math.max(1, Math.sqrt(known));
  let best = 0;
  for (let k = 1; k < scores.length; k++) if (scores[k] > scores[best]) best = k;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) sum += Math.exp((scores[k] - scores[best]) / temperature);
  const confidence = 1 / sum;
  return { prediction: { label: head.labels[best], confidence: Math.min(1, Math.max(0, confidence)) }, known };
}

export function predictTriage(model: TriageModel, input: TriageText): TriagePrediction {
  const features = featuresOf(input);
  const kind = predictHead(model.kind, features);
  const topic = predictHead(model.topic, features);
  const agency = predictHead(model.agency, features);
  return { kind: kind.prediction, topic: topic.prediction, agency: agency.prediction, knownFeatures: kind.known };
}

/** Cosine similarity of two feature vectors, in [0, 1]. */
export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [f, x] of a) {
    na += x * x;
    const y = b.get(f);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export interface HeadAccuracy {
  correct: number;
  total: number;
  accuracy: number;
}

/** Accuracy of each head on labelled test examples (0 when there are none). */
export function evaluateTriageModel(model: TriageModel, test: readonly LabelledExample[]) {
  const tally = { kind: 0, topic: 0, agency: 0 };
  for (const e of test) {
    const p = predictTriage(model, e);
    if (p.kind?.label === e.kind) tally.kind++;
    if (p.topic?.label === e.topicCode) tally.topic++;
    if (p.agency?.label === e.agencyCode) tally.agency++;
  }
  const head = (correct: number): HeadAccuracy => ({ correct, total: test.length, accuracy: test.length ? correct / test.length : 0 });
  return { kind: head(tally.kind), topic: head(tally.topic), agency: head(tally.agency) };
}
