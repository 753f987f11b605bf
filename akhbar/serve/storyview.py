"""The stories of an upload that told several: the articles a summary job kept, grouped as `akhbar stories`
groups them, each story with its own report (the page offers this when one summary would blend them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from akhbar.config import Config
from akhbar.report.escaping import json_safe
from akhbar.serve.batch import jsonl_articles
from akhbar.serve.jobs import JobFailedError, JobOutput, Work
from akhbar.serve.templating import report_fragment
from akhbar.serve.uploads import Progress
from akhbar.stories.records import Story

MAX_REPORTED = 40  # stories of two or more articles given a report; the rest are listed by title
FACTS_MIN_ARTICLES = 2  # a lone article's facts are its own summary's: skipped to keep the job short


@dataclass(frozen=True, slots=True)
class StoryItem:
    story: Story
    html: Markup  # the report fragment this app rendered (every text in it escaped)


def stories_work(articles_text: str, config: Config, templates: Jinja2Templates) -> Work:
    """A job grouping the kept articles into stories and reporting the larger ones."""

    def work(progress: Progress) -> JobOutput:
        from akhbar.stories.build import group_stories, story_reports
        from akhbar.stories.render import story_header, story_to_dict

        corpus = jsonl_articles(articles_text)
        if not corpus.articles:
            raise JobFailedError("لم يبقَ من هذه المقالات ما يُقرأ", 422)
        batch = group_stories(corpus.articles, config=config, progress=progress)
        chosen = [s for s in batch.stories if len(s.articles) > 1][:MAX_REPORTED]
        reported = list(story_reports(batch, config=config, stories=chosen, facts_min_articles=FACTS_MIN_ARTICLES,
                                      progress=progress))
        progress("writing", 0, 1)
        items = [StoryItem(story, Markup(report_fragment(templates, report, prefix=f"k{n}-")))
                 for n, (story, report) in enumerate(reported)]
        shown = {s.id for s in chosen}
        rest = [s for s in batch.stories if s.id not in shown]
        html = templates.env.get_template("_stories.html").render(items=items, rest=rest,
                                                                  total=len(batch.stories),
                                                                  n_articles=len(corpus.articles))
        data = {"stories": [json_safe(story_to_dict(story, report)) for story, report in reported],
                "unreported": [story_header(s) for s in rest]}
        return JobOutput(json.dumps(data, ensure_ascii=False, allow_nan=False), html)

    return work
