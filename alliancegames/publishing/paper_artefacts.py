"""Builders of the working paper's figures, tables and numbers.

Each builder is a plain function ``build_NAME(paper_dir) -> list[Path]``; the paper
(:mod:`alliancegames.publishing.paper`) lists them explicitly, with the files each
writes.  Every builder fixes its seeds and writes deterministic files (see
:mod:`alliancegames.publishing.reproduce`): figures in the toolkit's one style
(:data:`alliancegames.studies.plot.PAPER_RC`) as vector PDF and 300 dpi PNG with no
volatile metadata and no baked-in titles (captions are the paper's); tables as
Markdown (and LaTeX where a paper would typeset them); and the numbers the prose
quotes as ``numbers/NAME.json``, so no number is typed by hand.  Builders only call
the public API.  ``FIGURES`` maps each figure to the function that draws it, for the
figure tests (text inside the canvas, labels that do not overlap).
"""

from __future__ import annotations

import json
import textwrap
from functools import lru_cache
from pathlib import Path

import numpy as np
import sympy as sp

from alliancegames.analysis.partitions import partition
from alliancegames.analysis.regions import equilibrium_regions
from alliancegames.analysis.signalling import belief_symbol, perfect_bayesian_equilibria
from alliancegames.analysis.statics import comparative_statics
from alliancegames.analysis.tree import backward_induction
from alliancegames.cases import load_case, nato_expenditure, olson_zeckhauser_test, sample_codings
from alliancegames.cases import scores as case_scores
from alliancegames.cases.scores import scorecard_table
from alliancegames.core.latex import condition_cases, relation_items, relation_latex
from alliancegames.models import ALLIANCE_REGIMES, CODINGS, REGISTRY, commitment_tradeoff, get_model
from alliancegames.studies.plot import (
    OKABE_ITO,
    paper_style,
    parameter_label,
    place_labels,
    regime_colors,
    regime_map,
    regime_probabilities,
    save_figure,
)
from alliancegames.studies.sweeps import sweep
from alliancegames.studies.uncertainty import Uniform, monte_carlo

# the builders are reached through paper.ARTEFACTS, not called by name
__all__ = ["markdown_table", "scorecard_markdown", "FIGURES"]

FIG_SIZE = (6.0, 3.6)  # inches: a paper's text width
FIG_SIZE_SMALL = (4.6, 3.0)


# --------------------------------------------------------------------------- helpers
def markdown_table(header: list[str], rows: list[list[object]], widths: list[float] | None = None) -> str:
    """A GitHub-flavoured Markdown pipe table (cells are converted with ``str``; pipes escaped).

    Examples
    --------
    >>> print(markdown_table(["a", "b"], [[1, "x|y"]]), end="")
    | a | b |
    |---|---|
    | 1 | x\\|y |
    """

    def cell(v: object) -> str:
        return str(v).replace("|", r"\|").replace("\n", " ")

    # Pandoc sizes the columns of a long pipe table in proportion to the dashes under the header
    rule = (
        "|" + "".join("-" * max(3, round(10 * w)) + "|" for w in widths)
        if widths
        else "|" + "---|" * len(header)
    )
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", rule]
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def _write(paper_dir: Path, rel: str, text: str) -> Path:
    path = paper_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _numbers(paper_dir: Path, name: str, values: dict[str, str]) -> Path:
    """Write the numbers the prose quotes (already formatted as the prose shows them)."""
    return _write(paper_dir, f"numbers/{name}.json", json.dumps(values, indent=1, sort_keys=True) + "\n")


def _save(fig, paper_dir: Path, name: str) -> list[Path]:
    """Save a figure as vector PDF and 300 dpi PNG with no timestamps or version strings."""
    import matplotlib.pyplot as plt  # import time: pyplot only once a figure is made (after _figure's backend)

    paths = save_figure(fig, paper_dir / "figures" / name)
    plt.close(fig)
    return paths


def _figure(size=FIG_SIZE, **kw):
    import matplotlib  # the backend must be chosen before pyplot loads, so both load here

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # after the backend is chosen (the line above)

    return plt.subplots(figsize=size, layout="constrained", **kw)


def _math(e: object) -> str:
    return "$" + sp.latex(e) + "$"


def _conditions(cond: object, names: tuple[str, ...] = ()) -> str:
    """Conditions as separate inline formulas joined by commas (a chain ``lo < x < hi`` is one
    formula), so that a long condition breaks between its parts instead of running off the page;
    the cases of an ``Or`` are joined by "or", each after its name if given."""
    if cond is sp.true or cond is True:
        return "always"
    parts = []
    for k, case in enumerate(condition_cases(cond)):
        text = ", ".join(f"${relation_latex(i)}$" for i in relation_items(case)) or "always"
        name = names[k] if k < len(names) and names[k] else ""
        parts.append(f"{name}: {text}" if name else text)
    return "; or ".join(parts)


# --------------------------------------------------------------------------- the model library
def build_models(paper_dir: Path) -> list[Path]:
    kinds = {
        "normal_form": "normal form",
        "tree": "game tree",
        "result": "closed form",
        "signalling": "signalling game",
        "bayesian": "Bayesian game",
    }
    rows = [
        [
            e.name.replace("_", " "),
            kinds.get(e.kind, e.kind),
            e.description,
            "; ".join(f"[@{k}]" for k in e.references),
        ]
        for e in REGISTRY.values()
    ]
    counts = {k: sum(e.kind == k for e in REGISTRY.values()) for k in kinds}
    return [
        _write(
            paper_dir,
            "tables/models.md",
            markdown_table(["model", "kind", "formalises", "source"], rows, [2, 1.4, 5, 2.6]),
        ),
        _numbers(
            paper_dir,
            "models",
            {
                "n": str(len(REGISTRY)),
                "n_normal_form": str(counts["normal_form"]),
                "n_tree": str(counts["tree"]),
                "n_closed_form": str(counts["result"]),
                "n_signalling": str(counts["signalling"]),
                "n_bayesian": str(counts["bayesian"]),
            },
        ),
    ]


# --------------------------------------------------------------------------- buck-passing
BUCK_RATIOS = ((1, 4), (1, 2))
BUCK_NS = tuple(range(2, 9))


def figure_buck_passing():
    """P(a state balances) and P(nobody balances) against N: colour = K/U, line style = quantity."""
    bp = get_model("buck_passing")
    with paper_style():
        fig, ax = _figure(FIG_SIZE_SMALL)
        for colour, (k, u) in zip(OKABE_ITO, BUCK_RATIOS):
            vals = [bp.at(n_states=n, k_balance=k, u_threat=u) for n in BUCK_NS]
            ax.plot(
                BUCK_NS,
                [v["p_balance"] for v in vals],
                "o-",
                color=colour,
                label=f"a state balances, $K/U = {k}/{u}$",
            )
            ax.plot(
                BUCK_NS,
                [v["p_nobody"] for v in vals],
                "s--",
                color=colour,
                mfc="white",
                label=f"nobody balances, $K/U = {k}/{u}$",
            )
        ax.set_xlabel(parameter_label("n_states", short="number of threatened states", symbol="N"))
        ax.set_ylabel("equilibrium probability")
        ax.set_ylim(0, 1)
        fig.legend(loc="outside lower center", ncol=2)
    return fig


def build_buck_passing(paper_dir: Path) -> list[Path]:
    bp = get_model("buck_passing")
    rows = []
    at = {}
    for k, u in BUCK_RATIOS:
        for n in BUCK_NS:
            r = bp.at(n_states=n, k_balance=k, u_threat=u)
            at[(k, u, n)] = r
            rows.append([f"{k}/{u}", n, f"{r['p_balance']:.3f}", f"{r['p_nobody']:.3f}"])
    table = markdown_table(["$K/U$", "$N$", "P(a state balances)", "P(nobody balances)"], rows)
    table += (
        f"\nClosed forms (derived from indifference): {_math(sp.Symbol('p^*'))} = {_math(bp.p_balance)}; "
        f"P(nobody balances) = {_math(bp.p_nobody)}.\n"
    )
    lo, hi = BUCK_NS[0], BUCK_NS[-1]
    numbers = {
        "n_lo": str(lo),
        "n_hi": str(hi),
        "ratio": "1/4",
        "p_nobody_lo": f"{at[(1, 4, lo)]['p_nobody']:.3f}",
        "p_nobody_hi": f"{at[(1, 4, hi)]['p_nobody']:.3f}",
        "p_balance_lo": f"{at[(1, 4, lo)]['p_balance']:.3f}",
        "p_balance_hi": f"{at[(1, 4, hi)]['p_balance']:.3f}",
    }
    return [
        _write(paper_dir, "tables/buck-passing.md", table),
        *_save(figure_buck_passing(), paper_dir, "buck-passing"),
        _numbers(paper_dir, "buck-passing", numbers),
    ]


# --------------------------------------------------------------------------- burden sharing
def build_burden_theory(paper_dir: Path) -> list[Path]:
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


NATO_LABELLED = ("United States", "United Kingdom", "Germany", "France", "Poland", "Luxembourg")


def figure_nato_burden_sharing():
    """Defence share of GDP against real GDP, 2014 and 2024 (estimates); labels placed without overlap."""
    df = nato_expenditure()
    source = df.attrs.get("source", "")
    with paper_style():
        fig, axes = _figure(FIG_SIZE, ncols=2, sharey=True)
        for ax, year, members in ((axes[0], 2014, df[df["member_2014"]]), (axes[1], 2024, df)):
            d = members[members["has_forces"]]
            ax.scatter(d[f"real_gdp_{year}"], d[f"share_{year}"], s=12, color="#0072B2")
            ax.set_xscale("log")
            ax.axhline(2.0, color="#949494", lw=0.8, ls=":")
            ax.set_xlabel(f"real GDP {year}, bn US\\$ (2015 prices, log scale)")
            ax.text(
                0.02,
                0.98,
                f"{year}" + (" (estimates)" if year == 2024 else ""),
                transform=ax.transAxes,
                va="top",
                ha="left",
                fontsize=8,
                fontweight="bold",
            )
            lab = d[d["country"].isin(NATO_LABELLED)]
            place_labels(
                ax,
                list(zip(lab[f"real_gdp_{year}"], lab[f"share_{year}"])),
                list(lab["country"]),
            )
        axes[0].set_ylabel("defence expenditure, % of GDP")
        fig.get_layout_engine().set(rect=(0, 0.07, 1, 0.93))
        fig.text(
            0.01,
            0.01,
            textwrap.fill("Source: " + source + ". Dotted line: the 2% guideline.", 140),
            fontsize=6,
        )
    return fig


def build_burden_nato(paper_dir: Path) -> list[Path]:
    test = olson_zeckhauser_test().to_frame()
    df = nato_expenditure()
    source = df.attrs.get("source", "")
    rows = [[r["sample"], int(r["n"]), f"{r['rho']:.3f}", f"{r['pvalue']:.3f}"] for _, r in test.iterrows()]
    table = markdown_table(
        ["sample", "members", "Spearman's $\\rho$ (share of GDP vs real GDP)", "p-value"], rows
    )
    table += f"\nSource: {source}. Iceland (no armed forces) excluded.\n"
    numbers = {}
    for _, r in test.iterrows():
        tag = (
            "2014"
            if r["sample"].startswith("2014 members, 2014")
            else ("2024_all" if r["sample"].startswith("all") else "2024_2014members")
        )
        numbers[f"rho_{tag}"] = f"{r['rho']:.2f}".replace("-", "−")
        numbers[f"p_{tag}"] = f"{r['pvalue']:.2f}"
        numbers[f"n_{tag}"] = str(int(r["n"]))
    return [
        _write(paper_dir, "tables/burden-sharing-nato.md", table),
        *_save(figure_nato_burden_sharing(), paper_dir, "nato-burden-sharing"),
        _numbers(paper_dir, "burden-sharing-nato", numbers),
    ]


# --------------------------------------------------------------------------- deterrence trees
def _spe_table(model_name: str) -> str:
    result = backward_induction(get_model(model_name))

    def outcome(c) -> str:
        return "; ".join(
            " → ".join(path) + ("" if prob == 1 else f" (prob. {_math(prob)})") for path, prob in c.outcome
        )

    rows = [
        [c.label, _conditions(c.conditions), outcome(c), ", ".join(_math(u) for u in c.payoffs)]
        for c in result.cases
    ]
    return markdown_table(
        ["subgame-perfect equilibrium", "conditions", "outcome", "payoffs"], rows, [2.5, 4, 3, 2.5]
    )


def build_deterrence(paper_dir: Path) -> list[Path]:
    return [_write(paper_dir, "tables/deterrence-spe.md", _spe_table("deterrence"))]


def build_extended_deterrence(paper_dir: Path) -> list[Path]:
    n = len(backward_induction(get_model("extended_deterrence")).cases)
    return [
        _write(paper_dir, "tables/extended-deterrence-spe.md", _spe_table("extended_deterrence")),
        _numbers(paper_dir, "extended-deterrence", {"n_cases": str(n)}),
    ]


# --------------------------------------------------------------------------- Snyder's games: regions
def _regions_table(model_name: str) -> tuple[str, int, int]:
    regimes = ALLIANCE_REGIMES if model_name == "snyder_alliance" else None
    regions = equilibrium_regions(get_model(model_name), regimes=regimes)
    rows = []
    for piece in regions.generic:
        strategies = " ; ".join(
            "(" + ", ".join(_math(sp.simplify(e)) for e in s) + ")" for s in piece.strategies
        )
        payoffs = ", ".join(_math(sp.factor(u)) for u in piece.payoffs)
        rows.append([piece.label, _conditions(piece.conditions, piece.case_names), strategies, payoffs])
    table = markdown_table(
        ["equilibrium", "exists when", "strategies (row ; column)", "payoffs"], rows, [1.6, 3.6, 4.4, 3.4]
    )
    n_boundary = len(regions.boundary) + len(regions.limits)  # limits: listed pieces' formulas at ties
    if n_boundary == 0:
        ties = "every extreme equilibrium on the boundaries (ties) between these regions is one of these pieces"
    elif n_boundary == 1:
        ties = "1 further piece describes an extreme equilibrium that exists only on the boundaries (ties)"
    else:
        ties = f"{n_boundary} further pieces describe extreme equilibria that exist only on the boundaries (ties)"
    table += f"\nGeneric pieces only; {ties}. Conditions are simplified under the parameters' domains.\n"
    return table, len(regions.generic), n_boundary


def build_regions_snyder(paper_dir: Path) -> list[Path]:
    tex = equilibrium_regions(get_model("snyder_alliance"), regimes=ALLIANCE_REGIMES).to_latex()
    table, n_generic, n_boundary = _regions_table("snyder_alliance")
    return [
        _write(paper_dir, "tables/regions-snyder-alliance.md", table),
        _write(paper_dir, "tables/regions-snyder-alliance.tex", tex + "\n"),
        _numbers(
            paper_dir, "regions-snyder-alliance", {"n_generic": str(n_generic), "n_boundary": str(n_boundary)}
        ),
    ]


def build_regions_primary(paper_dir: Path) -> list[Path]:
    table, _, _ = _regions_table("primary_alliance")
    return [_write(paper_dir, "tables/regions-primary-alliance.md", table)]


def _snyder_dists():
    return {
        s.name: Uniform(float(s.plausible[0]), float(s.plausible[1]))
        for s in CODINGS["snyder_alliance"].specs
    }


REGIME_GRID = {"c_entrap": (0.25, 8.0, 240), "p_conflict": (0.005, 1.0, 240)}
AXIS_SHORT = {
    "c_entrap": "cost of entrapment",
    "p_conflict": "probability of conflict",
    "c_abandon": "cost of abandonment",
    "v_protect": "value of protection",
}


def figure_regime_map():
    """Regime map of Snyder's alliance game over (cost of entrapment, probability of conflict)."""
    model = get_model("snyder_alliance")
    grid = {k: np.linspace(*v) for k, v in REGIME_GRID.items()}
    df = sweep(model, grid, progress=False, labels=ALLIANCE_REGIMES)
    boundaries = _snyder_boundaries(model, grid)
    with paper_style():
        fig, ax = _figure(FIG_SIZE)
        regime_map(df, "c_entrap", "p_conflict", ax=ax, boundaries=boundaries, legend=False)
        from matplotlib.patches import Patch  # import time: matplotlib only when a figure is drawn

        names = (
            sorted(df[df["eq"] == 0]["regime"].astype(str).unique())
            if "eq" in df.columns
            else sorted(df["regime"].astype(str).unique())
        )
        colours = regime_colors(names)
        handles = [Patch(facecolor=colours[n], label=n) for n in names]
        fig.legend(handles=handles, loc="outside lower center", ncol=2)
        params = {p.name: p for p in model.parameters}
        ax.set_xlabel(parameter_label(params["c_entrap"], short=AXIS_SHORT["c_entrap"]))
        ax.set_ylabel(parameter_label(params["p_conflict"], short=AXIS_SHORT["p_conflict"]))
    return fig


def build_regime_map(paper_dir: Path) -> list[Path]:
    d = get_model("snyder_alliance").defaults()
    numbers = {"v_protect": str(d["v_protect"]), "c_abandon": str(d["c_abandon"])}
    return [
        *_save(figure_regime_map(), paper_dir, "regime-map-snyder-alliance"),
        _numbers(paper_dir, "regime-map-snyder-alliance", numbers),
    ]


def _snyder_boundaries(model, grid):
    """Boundary curves of the symbolic regions inside the plotted box (for the overlay)."""
    fixed = {k: v for k, v in model.defaults().items() if k not in grid}
    box = {k: (float(v.min()), float(v.max())) for k, v in grid.items()}
    return list(partition(model, box, fixed).boundaries)


MC_DRAWS, MC_SEED = 20_000, 2024


def _monte_carlo():
    return monte_carlo(
        get_model("snyder_alliance"), _snyder_dists(), n=MC_DRAWS, seed=MC_SEED, labels=ALLIANCE_REGIMES
    )


def figure_monte_carlo(result=None):
    """Regime probabilities of Snyder's alliance game with their 95% intervals."""
    result = result if result is not None else _monte_carlo()
    with paper_style():
        fig, ax = _figure(FIG_SIZE_SMALL)
        regime_probabilities(result, ax=ax)
    return fig


def build_monte_carlo(paper_dir: Path) -> list[Path]:
    dists = _snyder_dists()
    result = _monte_carlo()
    frame = result.to_frame()
    rows = [
        [r["regime"], int(r["count"]), f"{r['probability']:.3f}", f"[{r['lower']:.3f}, {r['upper']:.3f}]"]
        for _, r in frame.iterrows()
    ]
    table = markdown_table(["regime", "draws", "probability", "95% interval"], rows)
    ranges = ", ".join(f"${sp.latex(sp.Symbol(k))} \\sim U({d.lo:g}, {d.hi:g})$" for k, d in dists.items())
    table += (
        f"\n{result.n} independent draws, seed {result.seed}, {result.method} intervals; {ranges} "
        "(our codings' plausible ranges).\n"
    )
    top = frame.sort_values("probability", ascending=False).iloc[0]
    numbers = {
        "n": f"{result.n:,}".replace(",", "\u2009"),
        "seed": str(result.seed),
        "top_regime": str(top["regime"]),
        "top_p": f"{top['probability']:.2f}",
        "top_lo": f"{top['lower']:.2f}",
        "top_hi": f"{top['upper']:.2f}",
        "n_regimes": str(len(frame)),
        "level": "95",
    }
    return [
        _write(paper_dir, "tables/monte-carlo-snyder-alliance.md", table),
        *_save(figure_monte_carlo(result), paper_dir, "monte-carlo-snyder-alliance"),
        _numbers(paper_dir, "monte-carlo-snyder-alliance", numbers),
    ]


# --------------------------------------------------------------------------- credibility under incomplete information
SIGNALLING_GRID = {"p": (0.004, 0.996, 200), "c": (0.02, 3.98, 160)}  # no grid line on a boundary
SIGNALLING_AXES = {"p": "prior probability the ally is resolute", "c": "peacetime cost of the alliance"}
#: Short legend names for the PBE of the costly-alliance game (the PBE's own ``short`` name -> legend).
SIGNALLING_NAMES = {
    "separating (Ally/Stay unaligned)": "separating: the resolute ally allies",
    "pooling on Ally (Not challenge)": "pooling on the alliance, not challenged",
    "pooling on Stay unaligned (Challenge)": "pooling on no alliance, challenged",
    "pooling on Stay unaligned (Not challenge)": "pooling on no alliance, not challenged",
    "hybrid (resolute mixes Stay unaligned/Ally)": "semi-separating: the resolute ally sometimes allies",
    "hybrid (irresolute mixes Ally/Stay unaligned)": "semi-separating: the irresolute ally sometimes allies",
}


@lru_cache(maxsize=1)
def _costly_alliance():
    """The costly-alliance signalling game (after Morrow 1994) and its PBE with conditions (computed once)."""
    game = get_model("costly_alliance")
    return game, perfect_bayesian_equilibria(game)


#: Shorter names for the map's legend, where several equilibria share a region.
SIGNALLING_LEGEND = {
    "separating (Ally/Stay unaligned)": "separating",
    "pooling on Ally (Not challenge)": "pool on alliance",
    "pooling on Stay unaligned (Challenge)": "pool on no alliance, challenged",
    "pooling on Stay unaligned (Not challenge)": "pool on no alliance, unchallenged",
    "hybrid (resolute mixes Stay unaligned/Ally)": "semi-separating (resolute mixes)",
    "hybrid (irresolute mixes Ally/Stay unaligned)": "semi-separating (irresolute mixes)",
}


def _signalling_legend(regime: str) -> str:
    text = " + ".join(SIGNALLING_LEGEND.get(part, part) for part in regime.split(" + "))
    return textwrap.fill(text, 46)


def _signalling_lines(d: dict) -> list:
    """The derived threshold lines of the map: c = v, c = f, p = g/(g + w), p = g/(g + w + k)."""
    (p0, p1, _), (c0, c1, _) = SIGNALLING_GRID["p"], SIGNALLING_GRID["c"]
    out = [np.array([[p0, d[k]], [p1, d[k]]]) for k in ("v", "f")]
    for prior in (d["g"] / (d["g"] + d["w"]), d["g"] / (d["g"] + d["w"] + d["k"])):
        out.append(np.array([[prior, c0], [prior, c1]]))
    return out


def figure_signalling(res=None):
    """The costly-alliance game's PBE surviving the Intuitive Criterion over (prior, signal cost)."""
    from matplotlib.patches import Patch  # import time: matplotlib only when a figure is drawn

    game, res = _costly_alliance() if res is None else (res.game, res)
    d = {q.name: float(q.default) for q in game.parameters}
    P, C = np.meshgrid(*(np.linspace(*SIGNALLING_GRID[k]) for k in ("p", "c")))
    table = res.regime_table({"p": P, "c": C}, intuitive=True)
    table["regime"] = table["regime"].map(_signalling_legend)
    with paper_style():
        fig, ax = _figure((6.0, 4.6))
        names = sorted(table["regime"].astype(str).unique())
        # distinct colour-blind-safe colours (the hashed palette has near-twins), black kept for the lines
        colours = regime_colors(names, palette=dict(zip(names, OKABE_ITO[:7] + ("#949494",))))
        regime_map(table, "p", "c", ax=ax, boundaries=_signalling_lines(d), legend=False, palette=colours)
        fig.legend(
            handles=[Patch(facecolor=colours[n], label=n) for n in names], loc="outside lower center", ncol=2
        )
        params = {q.name: q for q in game.parameters}
        ax.set_xlabel(parameter_label(params["p"], short=SIGNALLING_AXES["p"]))
        ax.set_ylabel(parameter_label(params["c"], short=SIGNALLING_AXES["c"]))
    return fig


def _belief(cond: object, message: str) -> str:
    return _math(sp.sympify(cond).xreplace({belief_symbol(message): sp.Symbol(r"\mu")}))


def _mixed(who: str, choice: object, prob: str, mixing: dict) -> str:
    """``who: a`` or, for a mixing entry ``(a, b)``, ``who: a with probability p = ..., else b``."""
    if isinstance(choice, tuple):
        a, b = choice
        value = f" $= {sp.latex(mixing[prob])}$" if prob in mixing else ""
        return f"{who}: {a} with probability $\\{prob}${value}, else {b}"
    return f"{who}: {choice}"


def _pbe_table(res) -> str:
    rows = []
    for e in res:
        mixing = dict(e.mixing)
        name = SIGNALLING_NAMES.get(e.short, e.short)
        plan = "; ".join(_mixed(t, m, "sigma", mixing) for t, m in e.sender)
        response = "; ".join(_mixed(m, a, "rho", mixing) for m, a in e.receiver)
        where = " *or* ".join(_conditions(c) for c in e.cases)
        off = "; ".join(f"{m}: {_belief(c, m)}" for m, c in e.off_path) or "none (both messages sent)"
        intuitive = "always" if e.intuitive in (True, sp.true) else _math(e.intuitive)
        rows.append([name, plan, response, where, off, intuitive])
    header = [
        "equilibrium",
        "ally's plan",
        "challenger's response",
        "a PBE where",
        "off-path belief $\\mu$ that supports it",
        "survives the Intuitive Criterion where",
    ]
    return markdown_table(header, rows, [2.0, 2.0, 2.2, 2.6, 2.4, 1.8])


TAIWAN = "taiwan_strategic_ambiguity"
STRADDLE = "taiwan_strait_straddle"  # the same crisis as a chosen straddle (a signalling game)
TAIWAN_PIS = (0.0, 0.25, 0.5, 0.75, 1.0)
TAIWAN_OUTCOMES = {"attack": "PRC attacks", "peace": "status quo", "revise": "Taiwan revises"}


def _taiwan_clarity(n: int, seed: int) -> list[dict]:
    """Outcome shares with the probability of American support pinned, the other codings drawn."""
    rec = load_case(TAIWAN)
    draws = sample_codings(rec, n=n, seed=seed)
    ct = commitment_tradeoff()
    rows = []
    for pi in (*TAIWAN_PIS, None):
        out = ct.outcomes(draws if pi is None else {**draws, "pi_support": np.full(n, pi)})
        rows.append({"pi": pi, **{k: float(np.mean(out == k)) for k in TAIWAN_OUTCOMES}})
    return rows


def build_signalling(paper_dir: Path) -> list[Path]:
    """The costly-alliance PBE (table, regime map) and the Taiwan case (scorecard row, clarity table)."""
    game, res = _costly_alliance()
    d = {q.name: q.default for q in game.parameters}
    sep = [e for e in res.of_kind("separating") if dict(e.sender)["resolute"] == "Ally"]
    s = {q.name: q.symbol for q in game.parameters}
    rows = scorecard_table(n=SCORECARD_DRAWS, seed=SCORECARD_SEED, cases=[TAIWAN, STRADDLE])
    row, straddle = rows.iloc[0], rows.iloc[1]
    clarity = _taiwan_clarity(SCORECARD_DRAWS, SCORECARD_SEED)
    coded = clarity[-1]
    lo, hi = load_case(TAIWAN).coding("pi_support").range
    lines = [
        [
            f"coded range ({lo:g} to {hi:g})" if r["pi"] is None else f"{r['pi']:.2f}",
            *(f"{r[k]:.2f}" for k in TAIWAN_OUTCOMES),
        ]
        for r in clarity
    ]
    clarity_md = markdown_table(["$\\pi$, the chance the United States joins", *TAIWAN_OUTCOMES.values()], lines)
    fmt = {k: str(v) for k, v in d.items()}
    numbers = {
        "n_pbe": str(len(res)),
        "n_pooling": str(len(res.of_kind("pooling"))),
        "n_separating": str(len(res.of_kind("separating"))),
        "n_hybrid": str(len(res.of_kind("hybrid"))),
        "separating": _conditions(sep[0].cases[0]) if len(sep) == 1 and len(sep[0].cases) == 1 else "",
        "deter_pool": _math(s["g"] / (s["g"] + s["w"] + s["k"])),
        "deter_prior": _math(s["g"] / (s["g"] + s["w"])),
        **{f"default_{k}": v for k, v in fmt.items() if k != "p" and k != "c"},
        "taiwan_p_case": f"{row['P(observed)']:.2f}",
        "taiwan_p_baseline": f"{row['P(observed) baseline']:.2f}",
        "taiwan_skill": f"{row['skill']:.2f}",
        "taiwan_status": str(row["status"]),
        "taiwan_agreement": str(row["agreement"]),
        "taiwan_attack": f"{coded['attack']:.2f}",
        "taiwan_revise": f"{coded['revise']:.2f}",
        "taiwan_attack_0": f"{clarity[0]['attack']:.2f}",
        "taiwan_revise_1": f"{clarity[len(TAIWAN_PIS) - 1]['revise']:.2f}",
        "taiwan_peace_half": f"{clarity[2]['peace']:.2f}",
        "taiwan_n": str(SCORECARD_DRAWS),
        "straddle_p_case": f"{straddle['P(observed)']:.2f}",
        "straddle_p_baseline": f"{straddle['P(observed) baseline']:.2f}",
        "straddle_skill": f"{straddle['skill']:.2f}",
        "straddle_status": str(straddle["status"]),
        "straddle_agreement": str(straddle["agreement"]),
    }
    return [
        *_save(figure_signalling(res), paper_dir, "signalling-regime-map"),
        _write(paper_dir, "tables/signalling-pbe.md", _pbe_table(res)),
        _write(paper_dir, "tables/taiwan-case.md", case_scores.scorecard_markdown(rows, compact=True, notes=False)),
        _write(paper_dir, "tables/taiwan-clarity.md", clarity_md),
        _numbers(paper_dir, "signalling", numbers),
    ]


# --------------------------------------------------------------------------- the case scorecard
SCORECARD_DRAWS, SCORECARD_SEED = 2000, 0


def scorecard_markdown(df=None) -> str:
    """The case scorecard as Markdown (also shown in the README): :func:`alliancegames.cases.scores.scorecard_markdown`."""
    return case_scores.scorecard_markdown(df, n=SCORECARD_DRAWS, seed=SCORECARD_SEED)


def build_scorecard(paper_dir: Path) -> list[Path]:
    df = scorecard_table(n=SCORECARD_DRAWS, seed=SCORECARD_SEED)
    table = case_scores.scorecard_markdown(df, n=SCORECARD_DRAWS, seed=SCORECARD_SEED, compact=True)  # laid out for the page
    csv = df.assign(
        skill_lower=[c[0] for c in df["skill 95% CI"]], skill_upper=[c[1] for c in df["skill 95% CI"]]
    ).drop(columns=["skill 95% CI"])
    csv_path = paper_dir / "tables" / "scorecard.csv"
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    csv.to_csv(csv_path, index=False, float_format="%.6f", lineterminator="\n")
    informative = df[df["status"] == "informative"]
    numbers = {
        "n_rows": str(len(df)),
        "n_cases": str(df["case"].nunique()),
        "n_informative": str(len(informative)),
        "n_uninformative": str(int((df["status"] == "uninformative").sum())),
        "n_outside": str(int((df["status"] == "outside the model").sum())),
    }
    numbers.update(
        {f"n_{k}": str(int((informative["agreement"] == k).sum())) for k in ("yes", "partial", "no")}
    )
    return [
        _write(paper_dir, "tables/scorecard.md", table),
        csv_path,
        _numbers(paper_dir, "scorecard", numbers),
    ]


# --------------------------------------------------------------------------- comparative statics
def build_statics(paper_dir: Path) -> list[Path]:
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
        label = parameter_label(model.parameter(name), short=AXIS_SHORT[name])
        rows.append([label, _math(sp.factor(statics[0].derivative)), *(st.sign for st in statics)])
    header = ["parameter", "derivative of P(Firm) in the mixed equilibrium", *regimes]
    table = markdown_table(header, rows)
    table += (
        f"\nP(Firm) = {_math(sigma)}. Signs are decided by `alliancegames.analysis.statics.comparative_statics` under "
        "the parameters' domains and each regime's conditions; *undetermined* would mean the sign depends "
        "on the parameters within the regime. In the assurance regime the mixed equilibrium is the tipping "
        "point between the two pure ones, so a higher P(Firm) there means mutual firmness is harder to reach.\n"
    )
    return [_write(paper_dir, "tables/statics-snyder-alliance.md", table)]


#: Every figure of the paper and the function that draws it (the figure tests draw each one).
FIGURES = {
    "buck-passing": figure_buck_passing,
    "nato-burden-sharing": figure_nato_burden_sharing,
    "regime-map-snyder-alliance": figure_regime_map,
    "monte-carlo-snyder-alliance": figure_monte_carlo,
    "signalling-regime-map": figure_signalling,
}
