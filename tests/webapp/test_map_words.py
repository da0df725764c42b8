"""The map's network in words and its communities, through the Flask client: groups named as
/overview names them, who is central and who brokers, the view's nodes coloured by those groups."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_the_words_name_the_central_the_brokers_and_the_groups_as_the_overview_does(
        client: FlaskClient) -> None:
    words = client.get("/api/map/words").get_json()
    overview = client.get("/overview.json").get_json()
    assert [c["id"] for c in words["central"]] == [c["id"] for c in overview["central"][:3]]
    assert [g["name"] for g in words["groups"]] == [g["name"] for g in overview["groups"]]
    assert words["brokers"] and all(len(b["groups"]) > 1 for b in words["brokers"])
    assert all(g["name"].startswith("around ") for g in words["groups"])
    dutch = client.get("/api/map/words?lang=nl").get_json()
    assert all(g["name"].startswith("rond ") for g in dutch["groups"])
    assert client.get("/api/map/words?lang=xx").status_code == 400


def test_colour_by_community_gives_each_node_its_named_group(client: FlaskClient) -> None:
    view = client.get("/api/map/view?colour=community").get_json()
    named = {c["number"]: c for c in view["communities"]}
    assert named[0]["name"] is None  # in no group: places, themes, actors without links
    assert {n["community"] for n in view["nodes"]} == set(named)
    assert sum(c["shown"] for c in view["communities"]) == len(view["nodes"])
    brokers = {b["id"] for b in client.get("/api/map/words").get_json()["brokers"]}
    assert {n["id"] for n in view["nodes"] if n.get("broker")} <= brokers | set(
        b["id"] for b in client.get("/overview.json").get_json()["brokers"])
    assert any(n.get("broker") for n in view["nodes"])
    assert "communities" not in client.get("/api/map/view").get_json()
