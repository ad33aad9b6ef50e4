"""Plain index pages, per letter or stroke count: search without JavaScript.

ICU's alphabetic index (PyICU, which followthemoney already needs) buckets names the way
each language's readers expect: A–Z for English, stroke counts for Chinese names on the
Chinese trees (Japanese dictionaries count strokes too), with Latin letters after them.
"""

from __future__ import annotations

from typing import Any

import icu

from lionrock.model import get_model
from lionrock.publish.record import SiteRecord
from lionrock.render import UILanguage, names_by_lang, pick

#: The ICU collation locale for each tree's index, and how a stroke bucket is labelled.
INDEX_LOCALES = {"en": ("en", None), "ja": ("zh_Hant", "画")}


def buckets(record: SiteRecord, ui: UILanguage) -> list[dict[str, Any]]:
    """The index of every record for `ui`: `[{label, path, rows: [{id, name, lang,
    label}]}]`, in the language's collation order.

    Example: `buckets(record, LANGUAGES[1])[0]["label"]` is a stroke count such as `"2劃"`.
    """
    locale, stroke = INDEX_LOCALES.get(ui.code, ("zh_Hant", None))
    index = icu.AlphabeticIndex(icu.Locale(locale))
    index.addLabels(icu.Locale.getEnglish())
    model = get_model()
    for entity in record.entities.values():
        chosen = pick(names_by_lang(entity), ui)
        if chosen is None:
            continue
        spec = model.get(entity.schema)
        label = spec.label if spec is not None else entity.schema
        tag = ui.record_tags.get(chosen[1], chosen[1])
        index.addRecord(
            chosen[0] + "\x00" + entity.id,
            {
                "id": entity.id,
                "name": chosen[0],
                "lang": tag if tag != ui.tag else "",
                "label": label,
            },
        )
    found: list[dict[str, Any]] = []
    index.resetBucketIterator()
    while index.nextBucket():
        rows = []
        index.resetRecordIterator()
        while index.nextRecord():
            rows.append(index.recordData)
        if rows:
            text = str(index.bucketLabel)
            if stroke:
                text = text.replace("劃", stroke)
            found.append({"label": text, "path": f"browse/{len(found) + 1:02d}", "rows": rows})
    return found
