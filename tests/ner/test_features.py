from akhbar.ner.features import Resources, sentence_features, token_features, view


def test_view_normalizes_and_strips_clitics():
    v = view("وبالقاهرة")
    assert v.match == "وبالقاهره"
    assert v.clitic == "وبال"
    assert v.stripped == "قاهره"
    v = view("بموسكو")
    assert (v.clitic, v.stripped) == ("ب", "موسكو")
    # Too short to carry a clitic: بان is a word, not ب + ان.
    assert view("بان").clitic == ""


def test_view_strips_edge_punctuation_and_shapes():
    assert view("(د").core == "د"
    assert view("«موسكو»").core == "موسكو"
    assert view("2018").shape == "num"
    assert view("CNN").shape == "latin"
    assert view("،").shape == "punct"
    assert view("أعلن").shape == "arab"


def test_spelling_variants_share_word_features():
    a = token_features(["قال", "أسامة"], 1, Resources())
    b = token_features(["قال", "اسامه"], 1, Resources())
    assert "w=اسامه" in a
    assert a == b


def test_cluster_features_fall_back_to_stripped_form():
    res = Resources(clusters={"موسكو": (3, 17)})
    direct = token_features(["موسكو"], 0, res)
    assert "k0=3" in direct
    assert "k1=17" in direct
    assert not any(f.startswith("kvia") for f in direct)
    glued = token_features(["وموسكو"], 0, res)
    assert "k1=17" in glued
    assert "kvia=s" in glued
    assert not any(f.startswith("k0") for f in token_features(["لندن"], 0, res))


def test_lexicon_and_neighbour_features():
    res = Resources(clusters={"الرييس": (5,)}, lexicon={"لافروف": ("PER2",)})
    feats = token_features(["الرئيس", "لافروف", "في"], 1, res)
    assert "lexc=PER2" in feats
    assert "-1:w=الرييس" in feats
    assert "-1:k0=5" in feats
    assert "+1:w=في" in feats
    assert "-2:pad" in feats
    assert "+2:pad" in feats
    assert "bi-1=الرييس|لافروف" in feats


def test_sentence_features_one_list_per_token():
    feats = sentence_features(["قال", "لافروف"], Resources())
    assert len(feats) == 2
    assert all("bias" in f for f in feats)


def test_a_copy_with_another_lexicon_never_reads_the_original_s_cached_features():
    from dataclasses import replace

    base = Resources()
    assert not any(f.startswith("lex") for f in sentence_features(["لافروف"], base)[0])  # fills base's cache
    copy = replace(base, lexicon={"لافروف": ("PER",)})
    assert "lexc=PER" in sentence_features(["لافروف"], copy)[0]
