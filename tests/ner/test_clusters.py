from akhbar.ner.clusters import ClusterConfig, build_clusters, tokenized_lines
from akhbar.ner.store import load_clusters, save_clusters


def test_words_sharing_contexts_share_clusters():
    # Two distributional classes: names after قال, cities after في; same frames, varied fillers.
    names = ["سمير", "كريم", "هادي", "رامي"]
    cities = ["حلب", "حمص", "دمشق", "درعا"]
    texts = []
    for i in range(40):
        texts.append(f"قال {names[i % 4]} امس ان الوضع صعب")
        texts.append(f"وصل الوفد الى {cities[i % 4]} امس في الصباح")
    lines = list(tokenized_lines(texts))
    config = ClusterConfig(vocab_size=100, context_size=50, dims=6, granularities=(4,), min_count=2)
    clusters = build_clusters(lines, config)
    name_ids = {clusters[w] for w in names}
    city_ids = {clusters[w] for w in cities}
    assert len(name_ids) == 1
    assert len(city_ids) == 1
    assert name_ids != city_ids


def test_tokenized_lines_normalize_and_split_lines():
    assert list(tokenized_lines(["قالت الوزارة\n\nفي حلب."])) == [["قالت", "الوزاره"], ["في", "حلب"]]


def test_save_load_round_trip(tmp_path):
    clusters = {"حلب": (1, 20), "سمير": (0, 7)}
    path = tmp_path / "clusters.tsv.gz"
    save_clusters(clusters, path)
    assert load_clusters(path) == clusters
