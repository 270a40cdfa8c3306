"""Builders of the working paper's figures and tables (registered with :func:`alliancegames.publishing.paper.artefact`).

Every builder fixes its seeds and writes deterministic files (see :mod:`alliancegames.publishing.reproduce`):
figures are saved as PNG and PDF without volatile metadata; tables as Markdown (and LaTeX where a
paper would typeset them).  Builders only call the public API.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import sympy as sp

from alliancegames.publishing.paper import artefact

# the builders are reached through paper.ARTEFACTS, not called by name
__all__ = ["markdown_table", "scorecard_markdown"]

FIG_SIZE = (6.5, 4.0)  # inches: a paper's text width


# --------------------------------------------------------------------------- helpers
def markdown_table(header: list[str], rows: list[list[object]]) -> str:
    """A GitHub-flavoured Markdown pipe table (cells are converted with ``str``; pipes escaped)."""

    def cell(v: object) -> str:
        return str(v).replace("|", r"\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def _write(paper_dir: Path, rel: str, text: str) -> Path:
    path = paper_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _save(fig, paper_dir: Path, name: str) -> list[Path]:
    """Save a figure as PNG and PDF with no timestamps or version strings (byte-reproducible)."""
    import matplotlib.pyplot as plt

    d = paper_dir / "figures"
    d.mkdir(parents=True, exist_ok=True)
    png, pdf = d / f"{name}.png", d / f"{name}.pdf"
    fig.savefig(png, dpi=150, metadata={"Software": None})
    fig.savefig(pdf, metadata={"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None})
    plt.close(fig)
    return [png, pdf]


def _figure():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "alliancegames"
    plt.rcParams["font.size"] = 8
    return plt.subplots(figsize=FIG_SIZE, layout="constrained")


def _math(e: object) -> str:
    return "$" + sp.latex(e) + "$"


# --------------------------------------------------------------------------- the model library
@artefact("models", "table", ("tables/models.md",), "the model library with citations")
def build_models(paper_dir: Path) -> list[Path]:
    from alliancegames.models import list_models

    df = list_models()
    rows = [[f"`{r['name']}`", r["kind"], r["description"], r["citation"]] for _, r in df.iterrows()]
    return [
        _write(paper_dir, "tables/models.md", markdown_table(["model", "kind", "formalises", "source"], rows))
    ]


# --------------------------------------------------------------------------- buck-passing
@artefact(
    "buck-passing",
    "figure",
    ("tables/buck-passing.md", "figures/buck-passing.png", "figures/buck-passing.pdf"),
    "volunteer's dilemma: probability of balancing and of nobody balancing against N",
)
def build_buck_passing(paper_dir: Path) -> list[Path]:
    from alliancegames.models import get_model

    bp = get_model("buck_passing")
    ratios = [(1, 4), (1, 2)]
    ns = list(range(2, 9))
    rows = []
    for k, u in ratios:
        for n in ns:
            r = bp.at(n_states=n, k_balance=k, u_threat=u)
            rows.append([f"{k}/{u}", n, f"{r['p_balance']:.3f}", f"{r['p_nobody']:.3f}"])
    table = markdown_table(["K/U", "N", "P(a state balances)", "P(nobody balances)"], rows)
    table += (
        f"\nClosed forms (derived from indifference): {_math(sp.Symbol('p^*'))} = {_math(bp.p_balance)}; "
        f"P(nobody balances) = {_math(bp.p_nobody)}.\n"
    )
    fig, ax = _figure()
    for k, u in ratios:
        vals = [bp.at(n_states=n, k_balance=k, u_threat=u) for n in ns]
        ax.plot(ns, [v["p_balance"] for v in vals], "o-", label=f"P(a state balances), K/U = {k}/{u}")
        ax.plot(ns, [v["p_nobody"] for v in vals], "s--", label=f"P(nobody balances), K/U = {k}/{u}")
    ax.set_xlabel("number of threatened states N")
    ax.set_ylabel("probability")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8)
    ax.set_title("Passing the buck: the volunteer's dilemma's symmetric mixed equilibrium")
    return [_write(paper_dir, "tables/buck-passing.md", table), *_save(fig, paper_dir, "buck-passing")]


# --------------------------------------------------------------------------- burden sharing
@artefact(
    "burden-sharing-theory", "table", ("tables/burden-sharing-theory.md",), "Olson-Zeckhauser closed forms"
)
def build_burden_theory(paper_dir: Path) -> list[Path]:
    from alliancegames.models import get_model

    b = get_model("burden_sharing")
    q1, q2 = b.contributions
    rows = [
        ["member 1's reaction", _math(b.reactions[0])],
        ["interior equilibrium contribution of member 1", _math(sp.simplify(b.interior[q1]))],
        ["interior equilibrium contribution of member 2", _math(sp.simplify(b.interior[q2]))],
        ["equilibrium provision $Q^N$", _math(sp.simplify(b.total_interior))],
        ["Pareto-optimal provision $Q^*$", _math(b.optimum)],
        ["$Q^N / Q^*$", _math(sp.simplify(b.ratio_interior))],
        ["member 1's share of income", _math(sp.simplify(b.shares_interior[0]))],
    ]
    return [
        _write(paper_dir, "tables/burden-sharing-theory.md", markdown_table(["quantity", "expression"], rows))
    ]


@artefact(
    "burden-sharing-nato",
    "figure",
    ("tables/burden-sharing-nato.md", "figures/nato-burden-sharing.png", "figures/nato-burden-sharing.pdf"),
    "NATO defence burdens against economic size, 2014 and 2024 (estimates)",
)
def build_burden_nato(paper_dir: Path) -> list[Path]:
    from alliancegames.cases import nato_expenditure, olson_zeckhauser_test

    test = olson_zeckhauser_test().to_frame()
    df = nato_expenditure()
    source = df.attrs.get("source", "")
    rows = [[r["sample"], int(r["n"]), f"{r['rho']:.3f}", f"{r['pvalue']:.3f}"] for _, r in test.iterrows()]
    table = markdown_table(["sample", "members", "Spearman rho (share of GDP vs real GDP)", "p-value"], rows)
    table += f"\nSource: {source}. Iceland (no armed forces) excluded.\n"
    fig, axes = _figure()
    fig.clf()
    axes = fig.subplots(1, 2, sharey=True)
    for ax, year, members in ((axes[0], 2014, df[df["member_2014"]]), (axes[1], 2024, df)):
        d = members[members["has_forces"]]
        ax.scatter(d[f"real_gdp_{year}"], d[f"share_{year}"], s=14)
        for _, r in d.iterrows():
            if r["country"] in (
                "United States",
                "United Kingdom",
                "Germany",
                "France",
                "Poland",
                "Luxembourg",
            ):
                ax.annotate(
                    r["country"],
                    (r[f"real_gdp_{year}"], r[f"share_{year}"]),
                    fontsize=7,
                    xytext=(3, 3),
                    textcoords="offset points",
                )
        ax.set_xscale("log")
        ax.axhline(2.0, color="grey", lw=0.8, ls=":")
        ax.set_xlabel(f"real GDP {year} (bn US$, 2015 prices)")
        ax.set_title(f"{year}{' (estimates)' if year == 2024 else ''}", fontsize=10)
    axes[0].set_ylabel("defence expenditure, % of GDP")
    fig.suptitle("Exploitation of the great by the small? NATO burdens against size", fontsize=10)
    fig.get_layout_engine().set(rect=(0, 0.05, 1, 0.95))
    fig.text(0.01, 0.005, textwrap.fill("Source: " + source, 150), fontsize=6)
    return [
        _write(paper_dir, "tables/burden-sharing-nato.md", table),
        *_save(fig, paper_dir, "nato-burden-sharing"),
    ]


# --------------------------------------------------------------------------- deterrence tree
@artefact(
    "deterrence-spe", "table", ("tables/deterrence-spe.md",), "calculus of deterrence by backward induction"
)
def build_deterrence(paper_dir: Path) -> list[Path]:
    from alliancegames.analysis.tree import backward_induction
    from alliancegames.models import get_model

    result = backward_induction(get_model("deterrence"))

    def outcome(c) -> str:
        return "; ".join(
            " → ".join(path) + ("" if prob == 1 else f" (prob. {_math(prob)})") for path, prob in c.outcome
        )

    rows = [
        [c.label, _math(c.conditions), outcome(c), ", ".join(_math(u) for u in c.payoffs)]
        for c in result.cases
    ]
    table = markdown_table(["subgame-perfect equilibrium", "conditions", "outcome", "payoffs"], rows)
    return [_write(paper_dir, "tables/deterrence-spe.md", table)]


# --------------------------------------------------------------------------- Snyder's games: regions
def _regions_table(model_name: str) -> str:
    from alliancegames.analysis.regions import equilibrium_regions
    from alliancegames.models import get_model

    regions = equilibrium_regions(get_model(model_name))
    rows = []
    for piece in regions.generic:
        strategies = " ; ".join(
            "(" + ", ".join(_math(sp.simplify(e)) for e in s) + ")" for s in piece.strategies
        )
        payoffs = ", ".join(_math(sp.factor(u)) for u in piece.payoffs)
        rows.append([piece.label, _math(piece.conditions), strategies, payoffs])
    table = markdown_table(["equilibrium", "exists when", "strategies (row ; column)", "payoffs"], rows)
    n_boundary = len(regions.boundary)
    table += (
        f"\nGeneric pieces only; {n_boundary} further pieces describe extreme equilibria that exist only on "
        "the boundaries (ties) between these regions. Conditions are simplified under the parameters' "
        "domains.\n"
    )
    return table


@artefact(
    "regions-snyder-alliance",
    "table",
    ("tables/regions-snyder-alliance.md", "tables/regions-snyder-alliance.tex"),
    "equilibrium regions of Snyder's alliance game",
)
def build_regions_snyder(paper_dir: Path) -> list[Path]:
    from alliancegames.analysis.regions import equilibrium_regions
    from alliancegames.models import get_model

    tex = equilibrium_regions(get_model("snyder_alliance")).to_latex()
    return [
        _write(paper_dir, "tables/regions-snyder-alliance.md", _regions_table("snyder_alliance")),
        _write(paper_dir, "tables/regions-snyder-alliance.tex", tex + "\n"),
    ]


@artefact(
    "regions-primary-alliance",
    "table",
    ("tables/regions-primary-alliance.md",),
    "equilibrium regions of the primary alliance dilemma",
)
def build_regions_primary(paper_dir: Path) -> list[Path]:
    return [_write(paper_dir, "tables/regions-primary-alliance.md", _regions_table("primary_alliance"))]


def _snyder_dists():
    from alliancegames.models import CODINGS
    from alliancegames.studies.uncertainty import Uniform

    return {
        s.name: Uniform(float(s.plausible[0]), float(s.plausible[1]))
        for s in CODINGS["snyder_alliance"].specs
    }


@artefact(
    "regime-map-snyder-alliance",
    "figure",
    ("figures/regime-map-snyder-alliance.png", "figures/regime-map-snyder-alliance.pdf"),
    "regime map of Snyder's alliance game over the cost of entrapment and the probability of conflict",
)
def build_regime_map(paper_dir: Path) -> list[Path]:
    from alliancegames.models import ALLIANCE_REGIMES, get_model
    from alliancegames.studies.plot import regime_map
    from alliancegames.studies.sweeps import sweep

    model = get_model("snyder_alliance")
    grid = {"c_entrap": np.linspace(0.25, 8, 240), "p_conflict": np.linspace(0.005, 1, 240)}
    df = sweep(model, grid, progress=False, labels=ALLIANCE_REGIMES)
    boundaries = _snyder_boundaries(model, grid)
    fig, ax = _figure()
    regime_map(df, "c_entrap", "p_conflict", ax=ax, boundaries=boundaries)
    import seaborn as sns

    sns.move_legend(
        ax, "upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, frameon=False, fontsize=7, title=None
    )
    defaults = model.defaults()
    ax.set_title(
        f"Snyder's alliance game (v_protect = {defaults['v_protect']}, c_abandon = {defaults['c_abandon']})"
        + ("; lines: symbolic boundaries" if boundaries else ""),
        fontsize=8,
    )
    return _save(fig, paper_dir, "regime-map-snyder-alliance")


def _snyder_boundaries(model, grid):
    """Boundary curves of the symbolic regions inside the plotted box (for the overlay)."""
    from alliancegames.analysis.partitions import partition

    fixed = {k: v for k, v in model.defaults().items() if k not in grid}
    box = {k: (float(v.min()), float(v.max())) for k, v in grid.items()}
    return list(partition(model, box, fixed).boundaries)


@artefact(
    "monte-carlo-snyder-alliance",
    "figure",
    (
        "tables/monte-carlo-snyder-alliance.md",
        "figures/monte-carlo-snyder-alliance.png",
        "figures/monte-carlo-snyder-alliance.pdf",
    ),
    "regime probabilities of Snyder's alliance game over the codings' plausible ranges",
)
def build_monte_carlo(paper_dir: Path) -> list[Path]:
    from alliancegames.models import ALLIANCE_REGIMES, get_model
    from alliancegames.studies.plot import regime_probabilities
    from alliancegames.studies.uncertainty import monte_carlo

    dists = _snyder_dists()
    result = monte_carlo(get_model("snyder_alliance"), dists, n=20_000, seed=2024, labels=ALLIANCE_REGIMES)
    rows = [
        [r["regime"], int(r["count"]), f"{r['probability']:.3f}", f"[{r['lower']:.3f}, {r['upper']:.3f}]"]
        for _, r in result.to_frame().iterrows()
    ]
    table = markdown_table(["regime", "draws", "probability", "95% interval"], rows)
    ranges = ", ".join(f"{k} ~ U({d.lo:g}, {d.hi:g})" for k, d in dists.items())
    table += f"\n{result.n} independent draws, seed {result.seed}, {result.method} intervals; {ranges} (our codings' plausible ranges).\n"
    fig, ax = _figure()
    regime_probabilities(result, ax=ax)
    ax.set_title("Snyder's alliance game: regime probabilities over the plausible ranges", fontsize=8)
    return [
        _write(paper_dir, "tables/monte-carlo-snyder-alliance.md", table),
        *_save(fig, paper_dir, "monte-carlo-snyder-alliance"),
    ]


# --------------------------------------------------------------------------- the case scorecard
SCORECARD_DRAWS, SCORECARD_SEED = 2000, 0


def scorecard_markdown(df=None) -> str:
    """The case scorecard as Markdown (also shown in the README): :func:`alliancegames.cases.scores.scorecard_markdown`."""
    from alliancegames.cases.scores import scorecard_markdown as table

    return table(df, n=SCORECARD_DRAWS, seed=SCORECARD_SEED)


@artefact(
    "scorecard",
    "scorecard",
    ("tables/scorecard.md", "tables/scorecard.csv"),
    "every case: predicted regime, informative score against the baseline, set-asides, literature's expectation",
)
def build_scorecard(paper_dir: Path) -> list[Path]:
    from alliancegames.cases.scores import scorecard_table

    df = scorecard_table(n=SCORECARD_DRAWS, seed=SCORECARD_SEED)
    table = scorecard_markdown(df)
    csv = df.assign(
        skill_lower=[c[0] for c in df["skill 95% CI"]], skill_upper=[c[1] for c in df["skill 95% CI"]]
    ).drop(columns=["skill 95% CI"])
    csv_path = paper_dir / "tables" / "scorecard.csv"
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    csv.to_csv(csv_path, index=False, float_format="%.6f", lineterminator="\n")
    return [_write(paper_dir, "tables/scorecard.md", table), csv_path]


# --------------------------------------------------------------------------- comparative statics
@artefact(
    "statics-snyder-alliance",
    "table",
    ("tables/statics-snyder-alliance.md",),
    "signed comparative statics of the mixed commitment equilibrium of Snyder's alliance game",
)
def build_statics(paper_dir: Path) -> list[Path]:
    from alliancegames.analysis.regions import equilibrium_regions
    from alliancegames.analysis.statics import comparative_statics
    from alliancegames.models import get_model

    model = get_model("snyder_alliance")
    s = model.symbols
    v, a, e, p = s["v_protect"], s["c_abandon"], s["c_entrap"], s["p_conflict"]
    (mixed,) = [pc for pc in equilibrium_regions(model).generic if pc.label.startswith("mixed")]
    sigma = sp.simplify(mixed.strategies[0][0])  # Ally 1's probability of Firm
    # The mixed piece holds on two sub-regions (where both symmetric pure equilibria exist, and
    # where the two asymmetric ones do), stated from the pure pieces' conditions; the implied
    # relations p*a < v (from a < e, p*e < v) and p > 0 (from p*e > v > 0) are stated too.
    regimes = {
        "assurance (both firm and both weak are equilibria)": [a < e, p * e < v, p * a < v, p > 0],
        "chicken (one firm, one weak)": [a > e, p * e > v, p * a > v, p > 0],
    }
    rows = []
    for name in ("v_protect", "c_abandon", "c_entrap", "p_conflict"):
        statics = [
            comparative_statics(mixed, name, of=(0, "Firm"), assumptions=extra, parameters=model.parameters)
            for extra in regimes.values()
        ]
        rows.append([f"`{name}`", _math(sp.factor(statics[0].derivative)), *(st.sign for st in statics)])
    header = ["parameter", "derivative of P(Firm) in the mixed equilibrium", *regimes]
    table = markdown_table(header, rows)
    table += (
        f"\nP(Firm) = {_math(sigma)}. Signs are decided by `alliancegames.analysis.statics.comparative_statics` under "
        "the parameters' domains and each regime's conditions; *undetermined* would mean the sign depends "
        "on the parameters within the regime. In the assurance regime the mixed equilibrium is the tipping "
        "point between the two pure ones, so a higher P(Firm) there means mutual firmness is harder to reach.\n"
    )
    return [_write(paper_dir, "tables/statics-snyder-alliance.md", table)]
