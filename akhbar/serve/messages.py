"""What the web page and the API say when something goes wrong: an Arabic message and a machine-readable code.

The page shows the Arabic; the API's JSON carries both (``detail`` in Arabic, ``code`` for programs). The
readers in :mod:`akhbar.ingest` name their problems in English for the terminal; :func:`problem_ar` says
the known ones in Arabic (the numbers and names in them kept) and frames any other with an Arabic lead, so
nothing a reader of the page sees is left in English alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from akhbar.ingest.readers import DEFAULT_MAX_ARTICLE_BYTES
from akhbar.records import BadInput
from akhbar.report.arabic import ARTICLE, STORY, count

MAX_ARTICLE_BYTES = DEFAULT_MAX_ARTICLE_BYTES  # one article, pasted, uploaded or sent as JSON: as the CLI


def size_ar(n_bytes: int) -> str:
    """A size as a reader says it: «1 ميغابايت», «512 كيلوبايت»."""
    mib = 1024 * 1024
    if n_bytes >= mib and n_bytes % mib == 0:
        return f"{n_bytes // mib} ميغابايت"
    if n_bytes >= mib:
        return f"{n_bytes / mib:.1f} ميغابايت"
    return f"{max(n_bytes // 1024, 1)} كيلوبايت"


def article_limit_ar(limit: int = MAX_ARTICLE_BYTES) -> str:
    return f"المقال أكبر من الحد المسموح للمقال الواحد ({size_ar(limit)}): لم يُقرأ"


def request_limit_ar(limit_bytes: int) -> str:
    return (f"الطلب أكبر من الحد المسموح ({size_ar(limit_bytes)} للطلب كله، و{size_ar(MAX_ARTICLE_BYTES)} "
            "للمقال الواحد): أرسل ملفات أقل أو أصغر")


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    code: str
    arabic: str  # str.format template over the pattern's named groups


def _rule(pattern: str, code: str, arabic: str) -> _Rule:
    return _Rule(re.compile(pattern), code, arabic)


# Ordered: the first rule whose pattern is found in the English problem names it.
_RULES = (
    _rule(r"أكبر من الحد المسموح للمقال الواحد", "article_too_large", "{all}"),
    _rule(r"over the (?P<limit>\d+)-byte limit", "article_too_large",
          "المقال أكبر من الحد المسموح للمقال الواحد ({limit_ar}): لم يُقرأ"),
    _rule(r"^unsupported file type (?P<suffix>[^\s:]+)", "unsupported_type",
          "نوع ملف غير مدعوم ({suffix}): تُقبل ملفات ‎.txt و‎.html و‎.htm و‎.jsonl و‎.jsonl.gz و‎.zip"),
    _rule(r"^no article text \(empty", "empty_article", "لا نص في المقال (فارغ، أو كله أسطر زائدة)"),
    _rule(r"^no article text: only short lines", "empty_article",
          "لا نص مقال: أسطر قصيرة بلا جمل (قائمة موقع أو روابط)"),
    _rule(r"^no main text found in the HTML", "html_no_text", "لم يُعثر على نص رئيسي في صفحة HTML"),
    _rule(r"^no article text in the HTML page", "html_no_text",
          "لا نص مقال في صفحة HTML: روابط وتنقّل وترويسة وتذييل فقط"),
    _rule(r"^cannot parse the HTML page", "html_unreadable", "تعذّر تحليل صفحة HTML"),
    _rule(r"^invalid JSON: (?P<what>.*) at column (?P<column>\d+)", "invalid_json",
          "JSON غير صالح عند العمود {column}"),
    _rule(r"^invalid JSON for akhbar: values nested too deeply", "invalid_json", "JSON غير صالح: تداخل عميق جدا"),
    _rule(r"^invalid JSON for akhbar", "invalid_json", "JSON غير صالح: عدد أطول من المسموح"),
    _rule(r"must be a JSON object with 'id' and 'text'", "not_an_article",
          "المقال يجب أن يكون كائن JSON فيه ‎'id'‎ و‎'text'‎"),
    _rule(r"^must be a JSON array", "not_an_array", "يجب أن يكون مصفوفة JSON من كائنات ‎{id, text, ...}‎"),
    _rule(r"'(?P<field>\w+)' must be a string", "bad_field", "الحقل ‎'{field}'‎ يجب أن يكون نصا"),
    _rule(r"^missing '(?P<field>\w+)'|'(?P<field2>\w+)' is missing", "missing_field", "حقل ناقص في المقال"),
    _rule(r"^not text: binary data", "not_text",
          "ليس نصا: بيانات ثنائية، أو ترميز غير UTF-8 وUTF-16 وWindows-1256"),
    _rule(r"^id (?P<id>'.*') is already used by an earlier article: renamed (?P<new>'.*')$", "renamed",
          "المعرّف {id} استُعمل لمقال سابق: أُعيدت تسميته {new}"),
    _rule(r"^(?P<n>\d+) byte sequence\(s\) not valid UTF-8", "repaired_encoding",
          "استُبدل {n} من التسلسلات غير الصالحة في UTF-8"),
    _rule(r"^(?P<n>\d+) broken UTF-16", "repaired_encoding", "استُبدل {n} من وحدات UTF-16 المكسورة"),
    _rule(r"^(?P<n>\d+) lone surrogate", "repaired_text", "استُبدل {n} من المحارف البديلة المنفردة"),
    _rule(r"^(?P<n>\d+) control character", "repaired_text", "حُذف {n} من محارف التحكم"),
    _rule(r"inflates to over (?P<ratio>\d+) times", "zip_bomb",
          "الملف يتضخم أكثر من {ratio} مرة عند فكه: رُفض كقنبلة gzip"),
    _rule(r"^no article: the file is empty", "empty_file", "لا مقال: الملف فارغ (أو كله أسطر فارغة)"),
    _rule(r"^'id' held line breaks", "repaired_id", "المعرّف فيه فواصل أسطر: استُبدلت بمسافات"),
    _rule(r"^mixed encodings", "repaired_encoding", "ترميزات مختلطة: قُرئ كل سطر بترميزه"),
    _rule(r"^cannot read further", "truncated", "الملف مقطوع أو تالف"),
    _rule(r"^lines after this skipped$", "truncated", "لم تُقرأ الأسطر بعد هذا"),
    _rule(r"^not a valid zip archive", "bad_zip", "ليس أرشيف zip صالحا"),
    _rule(r"^not a valid gzip", "bad_gzip", "ليس ملف gzip صالحا"),
    _rule(r"^unsafe name in the archive", "unsafe_name",
          "اسم غير آمن في الأرشيف (مطلق، أو يصعد خارجه بـ ..): لم يُقرأ"),
    _rule(r"^a zip inside a zip", "nested_zip", "أرشيف zip داخل أرشيف zip لا يُفتح: ضع ملفاته في الأرشيف الخارجي"),
    _rule(r"^encrypted entry", "encrypted", "ملف مشفّر في الأرشيف: لم يُقرأ"),
    _rule(r"^cannot read the entry", "bad_zip", "تعذّرت قراءة هذا الملف من الأرشيف"),
    _rule(r"^an empty article", "empty_article", "مقال فارغ"),
    _rule(r"^no article given", "no_input", "لم يُعطَ أي مقال: الصق نصا أو أضف ملفا"),
    _rule(r"^not an article", "not_an_article", "ليس مقالا"),
)


def _arabic_already(problem: str) -> bool:
    letters = [c for c in problem if c.isalpha()]
    return bool(letters) and sum("\u0600" <= c <= "\u06ff" for c in letters) * 2 >= len(letters)


def problem_code(problem: str) -> str:
    for rule in _RULES:
        if rule.pattern.search(problem):
            return rule.code
    return "unreadable"


def problem_ar(problem: str) -> str:
    """The problem of a skipped or repaired input, in Arabic."""
    if _arabic_already(problem):
        return problem
    parts = [part.strip() for part in problem.split("; ") if part.strip()]
    return "؛ ".join(_one_ar(part) for part in parts) or "تعذّرت القراءة"


def _one_ar(problem: str) -> str:
    for rule in _RULES:
        found = rule.pattern.search(problem)
        if found:
            fields = {k: v or "" for k, v in found.groupdict().items()} | {"all": problem}
            if fields.get("limit"):
                fields["limit_ar"] = size_ar(int(fields["limit"]))
            return rule.arabic.format(**fields)
    return f"تعذّرت القراءة ({problem})"


def error_json(error: BadInput) -> dict[str, str]:
    """One skipped or repaired input as the API's JSON: where, a code, and the Arabic problem."""
    return {"path": error.path, "code": problem_code(error.problem), "problem": problem_ar(error.problem),
            "action": error.action}


def no_articles_ar(errors: Sequence[BadInput], shown: int = 10) -> str:
    reasons = "؛ ".join(f"{e.path}: {problem_ar(e.problem)}" for e in errors[:shown])
    more = f" (و{len(errors) - shown} غيرها)" if len(errors) > shown else ""
    return f"لم يُقرأ أي مقال{': ' + reasons if reasons else ''}{more}"


def several_stories_ar(n_articles: int, n_stories: int) -> str:
    return (f"هذه المقالات ({articles_ar(n_articles)}) تروي {stories_ar(n_stories)} لا قصة واحدة، "
            "فالملخص الواحد يخلط بينها.")


def articles_ar(n: int) -> str:
    return count(n, ARTICLE)


def stories_ar(n: int) -> str:
    return count(n, STORY)


class ServeError(Exception):
    """A request refused with an Arabic message, a machine-readable code and its HTTP status."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


HTTP_AR = {
    400: ("bad_request", "تعذّرت قراءة الطلب المرسل"),
    404: ("not_found", "لا توجد هذه الصفحة"),
    405: ("method_not_allowed", "طريقة الطلب هذه غير مسموحة هنا"),
    409: ("not_ready", "لم ينتهِ العمل بعد"),
    413: ("too_large", "الطلب أكبر من الحد المسموح"),
    422: ("invalid_request", "طلب غير صالح"),
    500: ("internal_error", "خطأ داخلي في الخادم"),
    503: ("unavailable", "الخدمة مشغولة الآن: أعد المحاولة بعد قليل"),
}
