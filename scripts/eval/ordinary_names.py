#!/usr/bin/env python3
"""Writes tests/fixtures/eval/ordinary-names.tsv: ordinary people's names from many
cultures, invented by the PyPI package Faker with a fixed seed, each in one plain news
sentence. No knowledge base can hold them, so every finding `byline eval
--ordinary-names` reports on them is a false alarm.

    python3 -m venv target/faker-venv
    target/faker-venv/bin/pip install faker==40.54.0
    target/faker-venv/bin/python scripts/eval/ordinary_names.py

The output is committed; re-running with the same Faker version rewrites it byte for
byte (the script refuses any other version, since Faker's name lists change between
releases). Only locales whose person provider is their own (not Faker's en_US fallback)
and writes names in Latin script are used, plus the romanised names Faker gives for
Japanese, Mainland Chinese (pinyin) and Taiwanese (Wade-Giles) names. Faker has no
romanised Russian, Ukrainian, Arabic, Hindi, Korean, Persian or Greek names, so those
locales are left out; Arabic, South Asian and Central Asian names come in through
en_PK, fr_DZ, ha_NG, en_IN, uz_UZ and az_AZ.
"""
import argparse
import os
import sys

import faker
from faker import Faker

FAKER_VERSION = "40.54.0"
SEED = 19  # issue 19
PER_LOCALE = 25
SENTENCE = "Reporter {name} said the vote would go ahead."

# Locale -> name order. "given family" unless noted; English-language news writes
# Chinese and Vietnamese names family name first.
LOCALES = [
    ("en_US", "given family"),
    ("en_GB", "given family"),
    ("en_IE", "given family"),
    ("en_NZ", "given family"),
    ("en_IN", "given family"),
    ("en_PK", "given family"),
    ("en_NG", "given family"),
    ("en_KE", "given family"),
    ("en_TH", "given family"),
    ("es_ES", "given family"),
    ("es_CA", "given family"),
    ("es_MX", "given family"),
    ("es_AR", "given family"),
    ("es_CO", "given family"),
    ("es_CL", "given family"),
    ("pt_BR", "given family"),
    ("pt_PT", "given family"),
    ("fr_FR", "given family"),
    ("fr_BE", "given family"),
    ("fr_CA", "given family"),
    ("fr_CH", "given family"),
    ("fr_DZ", "given family"),
    ("de_DE", "given family"),
    ("de_AT", "given family"),
    ("de_CH", "given family"),
    ("it_IT", "given family"),
    ("nl_NL", "given family"),
    ("nl_BE", "given family"),
    ("pl_PL", "given family"),
    ("cs_CZ", "given family"),
    ("sk_SK", "given family"),
    ("hu_HU", "given family"),
    ("ro_RO", "given family"),
    ("hr_HR", "given family"),
    ("sl_SI", "given family"),
    ("lt_LT", "given family"),
    ("lv_LV", "given family"),
    ("et_EE", "given family"),
    ("fi_FI", "given family"),
    ("sv_SE", "given family"),
    ("da_DK", "given family"),
    ("no_NO", "given family"),
    ("is_IS", "given family"),
    ("ga_IE", "given family"),
    ("tr_TR", "given family"),
    ("az_AZ", "given family"),
    ("uz_UZ", "given family"),
    ("yo_NG", "given family"),
    ("ig_NG", "given family"),
    ("ha_NG", "given family"),
    ("tw_GH", "given family"),
    ("zu_ZA", "given family"),
    ("sw", "given family"),
    ("id_ID", "given family"),
    ("vi_VN", "family given"),
    ("ja_JP", "given family (romanised)"),
    ("zh_CN", "family given (pinyin)"),
    ("zh_TW", "family given (Wade-Giles)"),
]


def one_name(fake, locale):
    female = fake.random.random() < 0.5
    if locale in ("ja_JP", "zh_TW"):
        given = (
            fake.first_romanized_name_female() if female else fake.first_romanized_name_male()
        )
        family = fake.last_romanized_name()
    elif locale == "zh_CN":
        given = fake.first_romanized_name()
        family = fake.last_romanized_name()
    else:
        given = fake.first_name_female() if female else fake.first_name_male()
        family = fake.last_name_female() if female else fake.last_name_male()
    # zh_TW's romanisations are in capitals ("PAO-CHU"): news writes "Pao-chu".
    given, family = (p.strip().capitalize() if p.isupper() else p.strip() for p in (given, family))
    if LOCALES_ORDER[locale].startswith("family"):
        return f"{family} {given}"
    return f"{given} {family}"


LOCALES_ORDER = dict(LOCALES)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument(
        "--out",
        default=os.path.join(here, "..", "..", "tests", "fixtures", "eval", "ordinary-names.tsv"),
    )
    args = parser.parse_args()
    if faker.VERSION != FAKER_VERSION:
        sys.exit(f"faker {FAKER_VERSION} is required (found {faker.VERSION}): pip install faker=={FAKER_VERSION}")
    rows = []
    seen = set()
    for locale, _ in LOCALES:
        fake = Faker(locale)
        fake.seed_instance(f"{SEED}:{locale}")
        got = 0
        for _ in range(PER_LOCALE * 20):
            if got == PER_LOCALE:
                break
            name = " ".join(one_name(fake, locale).split())
            if name in seen or "\t" in name:
                continue
            seen.add(name)
            got += 1
            rows.append((f"{locale}-{got:02d}", locale, name, SENTENCE.format(name=name)))
        if got < PER_LOCALE:
            sys.exit(f"{locale}: only {got} distinct names")
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(
            "# Ordinary people's names from many cultures, invented by Faker: no KB can know them,\n"
            "# so every finding on them is a false alarm (`byline eval --ordinary-names`).\n"
            f"# Generated by scripts/eval/ordinary_names.py with faker {FAKER_VERSION}, seed {SEED}, "
            f"{PER_LOCALE} names per locale, {len(LOCALES)} locales, {len(rows)} names.\n"
            "# Written for Byline (MIT OR Apache-2.0); Faker itself is MIT.\n"
            "# id\tlocale\tname\tsentence\n"
        )
        for row in rows:
            out.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} names from {len(LOCALES)} locales to {os.path.normpath(args.out)}")


if __name__ == "__main__":
    main()
