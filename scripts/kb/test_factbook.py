#!/usr/bin/env python3
"""Unit tests of the Factbook stage's reading of KB roles (run by scripts/test.sh:
`python3 -m unittest discover -s scripts/kb -p 'test_*.py'`)."""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import factbook  # noqa: E402

ECUADOR = {"ecuador", "republic of ecuador"}


def person(*roles: dict) -> dict:
    return {"kind": "person", "name": "Someone", "roles": list(roles)}


class RoleOffice(unittest.TestCase):
    def test_a_party_presidency_is_not_the_countrys_presidency(self):
        entities = {
            "party": {"kind": "organization", "type": "party", "name": "Citizen Revolution Movement",
                      "aliases": ["Citizen Revolution"]},
            "leader": person({"title": "President", "organization": "Citizen Revolution", "country": "EC"}),
        }
        factbook.mark_non_state_roles(entities)
        self.assertEqual(factbook.role_office(entities["leader"]["roles"][0], ECUADOR), "")

    def test_a_company_presidency_is_not_the_countrys_presidency(self):
        entities = {
            "firm": {"kind": "organization", "type": "company", "name": "Petrobras"},
            "chief": person({"title": "President", "organization": "Petrobras"}),
        }
        factbook.mark_non_state_roles(entities)
        self.assertEqual(factbook.role_office(entities["chief"]["roles"][0], {"brazil"}), "")

    def test_an_office_in_a_state_body_stays_the_national_office(self):
        entities = {
            "presidency": {"kind": "organization", "type": "government-body",
                           "name": "Presidency of the French Republic"},
            "head": person({"title": "President", "organization": "Presidency of the French Republic"}),
        }
        factbook.mark_non_state_roles(entities)
        self.assertEqual(factbook.role_office(entities["head"]["roles"][0], {"france"}), "president")


    def test_a_central_bank_or_court_presidency_is_not_the_countrys_presidency(self):
        banker = person({"title": "President", "organization": "Deutsche Bundesbank", "country": "DE"})
        judge = person({"title": "President", "organization": "European Court of Human Rights"})
        factbook.mark_non_state_roles({"banker": banker, "judge": judge})
        self.assertEqual(factbook.role_office(banker["roles"][0], {"germany"}), "")
        self.assertEqual(factbook.role_office(judge["roles"][0], {"slovenia"}), "")

    def test_a_state_body_not_in_the_kb_stays_the_national_office(self):
        premier = person({"title": "Premier", "organization": "Executive Yuan", "country": "TW"})
        factbook.mark_non_state_roles({"premier": premier})
        self.assertEqual(factbook.role_office(premier["roles"][0], {"taiwan"}), "prime minister")


class ShortForms(unittest.TestCase):
    def test_a_spanish_name_is_also_written_without_the_mothers_surname(self):
        self.assertEqual(factbook.without_maternal_surname("Daniel Noboa Azin", "EC"), "Daniel Noboa")
        self.assertEqual(factbook.without_maternal_surname("Bernardo Arévalo de León", "GT"),
                         "Bernardo Arévalo")

    def test_other_names_keep_every_word(self):
        self.assertEqual(factbook.without_maternal_surname("John Dramani Mahama", "GH"), "")
        self.assertEqual(factbook.without_maternal_surname("Gabriel Boric", "CL"), "")


class Divisions(unittest.TestCase):
    def test_a_list_after_its_counts_is_read_with_other_names(self):
        text = ("16 states (<em>Laender</em>); Baden-Wuerttemberg, Bayern (Bavaria), "
                "Berlin, Hessen (Hesse)")
        self.assertEqual(factbook.division_names(text),
                         [("Baden-Wuerttemberg", []), ("Bayern", ["Bavaria"]), ("Berlin", []),
                          ("Hessen", ["Hesse"])])

    def test_lists_under_headings_are_read_and_marks_dropped(self):
        text = ("23 provinces and 5 autonomous regions <br><br><strong>provinces:</strong> "
                "Anhui, Fujian; (see note on Taiwan) <br><br><strong>autonomous regions:"
                "</strong> Guangxi, Xizang (Tibet) <br><br><strong>municipalities:</strong> Chongqing")
        self.assertEqual([n for n, _ in factbook.division_names(text)],
                         ["Anhui", "Fujian", "Guangxi", "Xizang", "Chongqing"])

    def test_an_or_gives_another_name(self):
        text = "24 provinces; Cherkasy, Crimea or Avtonomna Respublika Krym* (Simferopol), Kyiv**"
        self.assertEqual(factbook.division_names(text),
                         [("Cherkasy", []), ("Crimea", ["Avtonomna Respublika Krym", "Simferopol"]),
                          ("Kyiv", [])])

    def test_one_divisions_names_in_several_languages_are_one_division(self):
        text = ("17 autonomous communities; Aragon; Cataluña (Castilian), Catalunya (Catalan), "
                "Catalonha (Aranese) [Catalonia]; Navarra (Castilian), Nafarroa (Basque) [Navarre]")
        self.assertEqual(factbook.division_names(text),
                         [("Aragon", []), ("Cataluña", ["Catalunya", "Catalonha", "Catalonia"]),
                          ("Navarra", ["Nafarroa", "Navarre"])])

    def test_a_comma_list_with_some_names_labelled_by_language_stays_a_list(self):
        text = ("5 autonomous regions <br><br><strong>autonomous regions:</strong> "
                "Friuli Venezia Giulia, Sardegna (Sardinia), Trentino-Alto Adige "
                "(Trentino-South Tyrol) or Trentino-Suedtirol (German), Valle d'Aosta "
                "(Aosta Valley) or Vallée d'Aoste (French)")
        self.assertEqual([n for n, _ in factbook.division_names(text)],
                         # (Valle d'Aosta: "d'Aosta" is no particle `is_division_name` knows)
                         ["Friuli Venezia Giulia", "Sardegna", "Trentino-Alto Adige"])


if __name__ == "__main__":
    unittest.main()
