"""The search analyser, thesaurus, typo measures, query syntax and highlighting: pure units."""

import pytest

from catalogue.search import analysis
from catalogue.search.backends import fts5_expression, tsquery_expression
from catalogue.search.engine import (
    SearchPlan,
    Term,
    close_words,
    highlight,
    max_edits,
    trigram_similarity,
)
from catalogue.search.thesaurus import build, phrase, thesaurus


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sécurité", ["securite"]),
        ("ARCHIVAGE électronique", ["archivage", "electronique"]),
        ("l'archivage", ["l", "archivage"]),
        ("G-Cloud", ["g", "cloud", "gcloud"]),
        ("Student@Work", ["student", "work", "studentwork"]),
        ("snake_case", ["snake", "case"]),
        ("Nœud EBSI", ["nœud", "ebsi"]),
        ("", []),
    ],
)
def test_words_are_folded_and_split(text, expected):
    assert analysis.words(text) == expected


def test_keys_are_the_word_and_its_stems():
    assert analysis.keys("formulaires") >= {"formulaires", "formulair"}
    assert analysis.keys("declarations") >= {"declarations", "declar"}
    assert analysis.keys("forms", ("en",)) == {"forms", "form"}
    # Short words and numbers are not stemmed.
    assert analysis.keys("eid") == {"eid"}
    assert analysis.keys("2020") == {"2020"}


def test_accented_and_plain_spellings_meet():
    assert analysis.keys(analysis.fold("sécurité")) & analysis.keys("securite")
    assert analysis.analyse("Déclarations") == analysis.analyse("declarations")


def test_whole_words_only():
    # "eid" must not match "identifiant": no key in common.
    assert not analysis.keys("eid") & set(analysis.analyse("identifiant unique"))


def test_query_words_drop_stop_words_unless_nothing_else_is_left():
    assert analysis.query_words("gestion des utilisateurs", 8) == ["gestion", "utilisateurs"]
    assert analysis.query_words("the management of users", 8) == ["management", "users"]
    assert analysis.query_words("de", 8) == ["de"]
    assert analysis.query_words("w x y z", 2) == ["w", "x"]
    assert analysis.query_words("!!! %", 8) == []


def test_thesaurus_bridges_languages_in_both_directions():
    book = thesaurus()
    assert ("authentification",) in book.expansions("authentication")
    assert ("authentication",) in book.expansions("authentification")
    assert ("authenticatie",) in book.expansions("authentification")
    # Compared by stems: plurals find the group too.
    assert ("formulaire",) in book.expansions("forms")
    assert ("form",) in book.expansions("formulieren")
    assert ("signature", "electronique") in book.expansions("esignature")


def test_narrower_terms_are_one_way():
    book = thesaurus()
    assert ("openshift",) in book.expansions("kubernetes")
    assert ("itsme",) in book.expansions("authentication")
    assert ("itsme",) in book.expansions("authentificatie")  # the whole group's
    assert ("kubernetes",) not in book.expansions("openshift")
    assert ("authentication",) not in book.expansions("itsme")


def test_thesaurus_data_is_well_formed():
    book = thesaurus()
    for group in book.groups:
        assert len(group.members) >= 1
        assert all(member and all(member) for member in group.expansions)
    # No word is a member of two synonym groups: a query word would silently merge them.
    seen = {}
    for index, group in enumerate(book.groups):
        for member in group.members:
            assert seen.setdefault(member, index) == index, member


def test_phrases():
    assert phrase("Banque de données") == ("banque", "donnees")
    assert phrase("e-signature") == ("esignature",)
    assert phrase("single sign-on") == ("single", "signon")


def test_a_narrower_key_outside_any_group_makes_its_own():
    book = build({"synonyms": [["form", "formulaire"]], "narrower": {"queue": ["kafka"]}})
    assert book.expansions("queue") == [("kafka",)]
    assert book.expansions("forms") == [("form",), ("formulaire",)]


def test_trigram_similarity_is_pg_trgm_s():
    assert trigram_similarity("word", "word") == 1
    # pg_trgm: similarity('autentification', 'authentification') = 0.736842
    assert trigram_similarity("autentification", "authentification") == pytest.approx(
        0.736842, abs=1e-5
    )
    assert trigram_similarity("abc", "xyz") == 0


def test_typo_tolerance_grows_with_word_length():
    assert [max_edits(w) for w in ("eid", "form", "formulair", "authentification")] == [
        0,
        1,
        2,
        2,
    ]
    pool = [("authentification", 4), ("identification", 9), ("formulaire", 12)]
    assert [c for _, _, c in close_words("autentification", pool, 2)] == ["authentification"]
    assert close_words("eid", pool, 0) == []
    # Ties go to the word in more entries.
    assert close_words("forme", [("forms", 1), ("former", 5)], 1)[0][2] == "former"


def test_query_syntax_quotes_every_key():
    clauses = [[[{"and", "or"}]], [[{"x"}, {"y"}], [{"z"}]]]
    assert fts5_expression(clauses) == '(("and" OR "or")) AND (("x") AND ("y") OR ("z"))'
    assert tsquery_expression(clauses) == "(('and' | 'or')) & (('x') & ('y') | ('z'))"


def _plan(*words):
    return SearchPlan(
        query=" ".join(words),
        terms=[Term(word=word, alternatives=[(word,)], known=True) for word in words],
    )


def test_highlight_marks_matched_words_and_their_inflections():
    html = highlight("Formulaires et formulaire; forme.", _plan("formulaire"))
    assert html == "<mark>Formulaires</mark> et <mark>formulaire</mark>; forme."


def test_highlight_escapes_before_marking():
    text = '<script>alert("x")</script> archivage <b>&amp;'
    html = highlight(text, _plan("archivage", "script"))
    assert "<script>" not in html and "<b>" not in html
    assert html == (
        "&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; "
        "<mark>archivage</mark> &lt;b&gt;&amp;amp;"
    )


def test_highlight_without_a_search_only_escapes():
    assert highlight("<i>eBox</i>", None) == "&lt;i&gt;eBox&lt;/i&gt;"
    assert highlight(None, None) == ""
