"""Keep a store's stories current: fold the articles no story holds yet into the saved clustering state,
write only what changed, and rebuild the reports of the stories that moved.

Composition only: the decisions come from :mod:`akhbar.stories` (the fold, the ids kept by a rebuild,
the reports), the SQL from :class:`~akhbar.store.Store`. Each fold is computed from what the store
held when it started and saved in one transaction, only if no other fold was saved meanwhile (else it
is computed again): a kill at any point leaves the last saved fold, and running again completes it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from akhbar.config import Config
from akhbar.records import Article
from akhbar.store.report_pool import reports_with_parts
from akhbar.store.state import Reach
from akhbar.store.store import Store, StoreError
from akhbar.store.stories import now
from akhbar.stories.boilerplate import Boilerplate, select_boilerplate, strip_boilerplate
from akhbar.stories.build import Progress, prepare_articles
from akhbar.stories.cluster import central_title, day_of, fold_all, reach, stored_story, story_terms, update
from akhbar.stories.ids import keep_ids
from akhbar.stories.records import Story
from akhbar.stories.state import ClusterState, StoryChanges, StoryState, weigh
from akhbar.vectors import background_frequencies

_ATTEMPTS = 5  # folds computed again when another writer saved one first


@dataclass(frozen=True, slots=True)
class StoryUpdate:
    """What one update did to the stored stories."""

    folded: int = 0  # articles placed
    created: int = 0
    grown: int = 0  # stories that took articles, created ones included
    merged: int = 0
    rebuilt: bool = False
    changed: tuple[str, ...] = ()  # the live stories whose members moved


def learned_boilerplate(store: Store, config: Config) -> Boilerplate:
    counts = store.line_counts(min_count=config.boilerplate.min_articles)
    return select_boilerplate(counts, min_share=config.boilerplate.min_share,
                              min_articles=config.boilerplate.min_articles)


def update_stories(store: Store, *, config: Config, workers: int = 1, rebuild: bool = False,
                   progress: Progress | None = None) -> StoryUpdate:
    """Fold the articles that no story holds into the stored stories (``rebuild``: cluster everything
    again, keeping the ids; also done once for a store whose stories have no fold state yet)."""
    if rebuild or store.setting("stories_need_rebuild") == "1" or (store.story_count() and not store.has_fold_state()):
        return rebuild_stories(store, config=config, workers=workers, progress=progress)
    for _ in range(_ATTEMPTS):
        generation = store.fold_generation()
        ids = store.unclustered_ids()
        if not ids:
            return StoryUpdate()
        done = _fold_new(store, ids, generation, config=config, workers=workers, progress=progress)
        if done is not None:
            return done
    raise StoreError(f"{store.path}: other writers kept changing the stories; try again")


def _fold_new(store: Store, ids: list[str], generation: int, *, config: Config, workers: int,
              progress: Progress | None) -> StoryUpdate | None:
    new = list(store.articles(ids))
    links = store.links_of(ids)
    learned = learned_boilerplate(store, config)
    ready = prepare_articles(new, config=config, duplicates=links, boilerplate=learned, progress=progress,
                             workers=workers)
    terms = ready.terms if ready.terms is not None else [_terms(a, config) for a in ready.articles]
    days = [d for d in (day_of(a) for a in new) if d is not None]
    fresh = set(ids)
    endpoints = {x for link in links for x in (link.article, link.original)} - fresh
    scope = Reach({t for doc in terms for t in doc}, min(days) if days else None, len(days) < len(new), endpoints,
                  reach(config.stories))
    state = store.load_cluster_state(scope, posting_cap=config.stories.posting_cap)
    state, changes = update(state, ready.articles, links, config=config.stories, terms=terms,
                            taken=store.story_taken)
    records = _changed_records(store, state, changes, {a.id: a for a in ready.articles}, config=config,
                               learned=learned)
    if not store.save_fold(state, changes, records, at=now(), generation=generation):
        return None
    return StoryUpdate(len(new), len(changes.created), len(changes.grown), len(changes.merged),
                       changed=changes.changed)


def _terms(article: Article, config: Config) -> list[str]:
    return story_terms(article, title_weight=config.stories.title_weight, lead_words=config.stories.lead_words)


def _time_key(article: Article) -> tuple[bool, str, str]:
    return (article.date is None, article.date or "", article.id)


def _changed_records(store: Store, state: ClusterState, changes: StoryChanges, new: dict[str, Article], *,
                     config: Config, learned: Boilerplate) -> list[tuple[Story, StoryState]]:
    """Each changed live story as it now stands: all its members (oldest first) and its central title."""
    gone: dict[str, list[str]] = {}
    for old, into in changes.merged:
        gone.setdefault(into, []).append(old)
    records = []
    for story_id in changes.changed:
        fold = state.stories[story_id]
        stored = [m for s in (story_id, *gone.get(story_id, ())) for m in store.members(s)]
        members = list(dict.fromkeys([*stored, *fold.added]))
        loaded = {a.id: strip_boilerplate(a, learned) for a in store.articles(m for m in members if m not in new)}
        articles = sorted((new.get(m) or loaded[m] for m in members if m in new or m in loaded), key=_time_key)
        docs = {a.id: _terms(a, config) for a in articles}
        missing = {t for doc in docs.values() for t in doc if t not in state.df}
        df = {**store.term_df(missing), **state.df} if missing else state.df
        prior = background_frequencies() if config.stories.background_df else None
        vectors = {key: weigh(doc, df, state.documents, prior) for key, doc in docs.items()}
        records.append((stored_story(story_id, articles, {}, central_title(fold, articles, vectors)), fold))
    return records


def rebuild_stories(store: Store, *, config: Config, workers: int = 1,
                    progress: Progress | None = None) -> StoryUpdate:
    """Cluster every stored article again (a fold from empty, in the pool like the file path), then keep
    the old ids (:func:`akhbar.stories.ids.keep_ids`): no story link answers 404 afterwards."""
    for _ in range(_ATTEMPTS):
        generation = store.fold_generation()
        articles = list(store.articles())
        ready = prepare_articles(articles, config=config, duplicates=list(store.duplicates()),
                                 boilerplate=learned_boilerplate(store, config), progress=progress, workers=workers)
        state, stories = fold_all(ready.articles, duplicates=ready.duplicates, config=config.stories,
                                  terms=ready.terms)
        old = store.story_members()
        kept = keep_ids(old, stories, store.story_ids())
        titles = store.story_titles()
        records, unchanged = [], set()
        for story in stories:
            name = kept.names[story.id]
            records.append((replace(story, id=name), state.stories[story.id]))
            state.stories[story.id].id = name
            if old.get(name) == story.articles and titles.get(name) == story.title:
                unchanged.add(name)
        changes = StoryChanges(merged=tuple(kept.leftovers.items()), terms=dict(state.df),
                               postings=_renamed_postings(state, kept.names))
        if store.save_fold(state, changes, records, at=now(), generation=generation, rebuild=True,
                           unchanged=unchanged):
            created = sum(1 for story in stories if kept.names[story.id] not in old)
            return StoryUpdate(len(articles), created, len(stories) - len(unchanged), len(kept.leftovers),
                               rebuilt=True, changed=tuple(r.id for r, _ in records if r.id not in unchanged))
    raise StoreError(f"{store.path}: other writers kept changing the stories; try again")


def _renamed_postings(state: ClusterState, names: dict[str, str]) -> tuple[tuple[str, str, int], ...]:
    out: dict[tuple[str, str], int] = {}
    for term, posting in state.index.postings_.items():
        for story, touched in posting.items():
            key = (term, names[state.resolve(story)])
            out[key] = max(out.get(key, 0), touched)
    return tuple((term, story, touched) for (term, story), touched in out.items())


@dataclass(frozen=True, slots=True)
class ReportSettings:
    with_facts: bool = True
    facts_min_articles: int = 1  # facts for stories of at least this many articles
    min_articles: int = 1  # reports for stories of at least this many articles


def refresh_reports(store: Store, *, config: Config, settings: ReportSettings = ReportSettings(),
                    workers: int = 1, progress: Progress | None = None,
                    ids: Iterable[str] | None = None, budget: int | None = None,
                    interrupted: Callable[[], bool] | None = None, start_method: str | None = None) -> int:
    """Build (in the pool) the report of every live story whose cached report is missing or older than
    the story, and cache it with the revision it was built from. Returns how many were built.

    ``budget`` bounds the work: only the smallest stale stories, up to that many articles in all, are
    built (a report's cost grows with its story; the others stay stale, their older report shown as being
    updated, until a later call). ``interrupted`` is asked between two reports: when it answers True
    the call returns, each report built so far cached. ``start_method``: the pool's (see
    :func:`akhbar.stories.build.reports_of`)."""
    return refresh_reports_left(store, config=config, settings=settings, workers=workers, progress=progress,
                                ids=ids, budget=budget, interrupted=interrupted, start_method=start_method)[0]


def refresh_reports_left(store: Store, *, config: Config, settings: ReportSettings = ReportSettings(),
                         workers: int = 1, progress: Progress | None = None,
                         ids: Iterable[str] | None = None, budget: int | None = None,
                         interrupted: Callable[[], bool] | None = None,
                         start_method: str | None = None, spare: int = 0) -> tuple[int, int]:
    """:func:`refresh_reports`, and how many of the stale reports it looked at it left stale (those past
    ``budget``, or not reached when ``interrupted``): what a caller would otherwise ask the store again.

    ``spare``: besides the smallest stories within ``budget``, the next ``spare`` ones of at most twice
    ``budget`` articles, largest first (a watcher's: one per worker). A large report alone after the small
    ones costs its whole time again, or its longer half (its summary and facts built at once:
    :mod:`akhbar.store.report_pool`); beside them, the workers share all the poll's tasks."""
    made_with = _settings_key(config, settings)
    if store.setting("report_settings") != made_with:  # reports made with other settings are not the ones asked for
        store.clear_reports(setting=("report_settings", made_with))
    every = store.stale_report_sizes(min_articles=settings.min_articles, ids=None if ids is None else set(ids))
    stale = within_budget(every, budget) if budget is not None else every
    if spare > 0 and workers > 1 and budget is not None and interrupted is None:
        chosen = {row[0] for row in stale}
        extra = sorted((row for row in every if row[0] not in chosen and row[2] <= 2 * budget),
                       key=lambda row: (row[2], row[0]))[:spare]
        stale = [*sorted(extra, key=lambda row: (-row[2], row[0])), *stale]
    if not stale:
        return 0, len(every)
    built = _build_reports(store, [(story, revision) for story, revision, _ in stale], config=config,
                           settings=settings, workers=workers, progress=progress, interrupted=interrupted,
                           start_method=start_method, whole=spare > 0)
    return built, len(every) - built


def within_budget(stale: Sequence[tuple[str, int, int]], budget: int) -> list[tuple[str, int, int]]:
    """The smallest stories first, while their articles add up to at most ``budget``."""
    chosen, spent = [], 0
    for row in sorted(stale, key=lambda row: (row[2], row[0])):
        if spent + row[2] > budget:
            break
        chosen.append(row)
        spent += row[2]
    return chosen


def _build_reports(store: Store, stale: Sequence[tuple[str, int]], *, config: Config, settings: ReportSettings,
                   workers: int, progress: Progress | None, interrupted: Callable[[], bool] | None,
                   start_method: str | None, whole: bool = False) -> int:
    from akhbar.report.html import report_sections
    from akhbar.report.json_out import report_to_dict

    learned = learned_boilerplate(store, config)
    report = progress or (lambda _stage, _done, _total: None)
    report("reports", 0, len(stale))
    built = 0
    # With ``interrupted``, one story per worker at a time: a waiting poll is held up by one report at most.
    # ``whole`` (a poll's reports, bounded by its budget): all in one batch, so the large ones put first
    # run beside the small ones, not before them.
    # Each article's tagged sentences are kept in the store (akhbar.store.report_parts): a story that gained
    # a few articles has only theirs tagged again.
    # One report goes to the pool too when its workers fork from a server that has the tables loaded (a
    # watcher's): this process never loads them.
    pooled = len(stale) > 1 or start_method == "forkserver"
    results = reports_with_parts(store, _report_jobs(store, stale, learned, settings), config=config,
                                 workers=workers if pooled else 1,
                                 batch=max(workers, 1) if interrupted else len(stale) if whole else 32,
                                 start_method=start_method)
    for (story_id, revision), result in results:
        store.put_story_report(story_id, revision, cached_report(report_to_dict(result), report_sections(result)))
        built += 1
        report("reports", built, len(stale))
        if interrupted is not None and built < len(stale) and interrupted():
            break
    return built


def _settings_key(config: Config, settings: ReportSettings) -> str:
    import hashlib
    from dataclasses import asdict

    text = json.dumps([asdict(config), settings.with_facts, settings.facts_min_articles], sort_keys=True, default=str)
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def cached_report(report: dict[str, object], html: str) -> str:
    """What ``story_reports.report`` holds: the report's JSON (as ``akhbar summarize --format json``)
    and its HTML sections, so that neither a page nor the CLI rebuilds a report to show it."""
    from akhbar.report.escaping import json_safe

    return json.dumps({"report": json_safe(report), "html": html}, ensure_ascii=False, allow_nan=False)


def _report_jobs(store: Store, stale: Sequence[tuple[str, int]], learned: Boilerplate, settings: ReportSettings,
                 ) -> Iterator[tuple[tuple[str, int], tuple[Article, ...], bool]]:
    for story_id, revision in stale:
        members = store.members(story_id)
        articles = tuple(strip_boilerplate(a, learned) for a in sorted(store.articles(members), key=_time_key))
        if articles:
            yield (story_id, revision), articles, settings.with_facts and len(articles) >= settings.facts_min_articles
