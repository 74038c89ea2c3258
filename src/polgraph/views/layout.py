"""Precomputed node positions for big views (numpy only: no scipy needed).

``networkx.spring_layout`` needs scipy above 500 nodes and holds an n x n matrix. For
big views the page instead gets positions computed here, community by community:

1. split the graph into communities (:func:`community_blocks`, fixed seed);
2. lay out each community with ``spring_layout`` (dense, small) inside a disc whose
   area grows with its size;
3. lay out the graph of communities (weighted by the links between them) and push
   overlapping discs apart.

The page then draws at once with physics off. Deterministic for a given graph and seed.
"""
from __future__ import annotations

import logging
import math
from collections import defaultdict
from typing import Final

import networkx as nx
import numpy as np

__all__ = ["community_blocks", "precompute_layout", "simple_graph"]

logger = logging.getLogger(__name__)

_MAX_BLOCK: Final = 120  # nodes laid out by one dense spring_layout
_SPACING: Final = 55.0  # canvas pixels per node, roughly


def simple_graph(net: nx.Graph[str]) -> nx.Graph[str]:
    """``net`` as an undirected simple graph, weight = number of links; sorted order."""
    out: nx.Graph[str] = nx.Graph()
    out.add_nodes_from(sorted(net))
    for a, b in net.edges():
        if a != b:
            w = out.get_edge_data(a, b, {"weight": 0})["weight"]
            out.add_edge(a, b, weight=w + 1)
    return out


def community_blocks(g: nx.Graph[str], *, max_size: int, seed: int) -> list[list[str]]:
    """Split ``g`` into communities of at most ``max_size`` nodes, deterministically.

    networkx's fast label propagation (seeded) first; a community still too big is split
    with Louvain (seeded), and if that does not help, into sorted chunks.
    """
    if g.number_of_nodes() <= max_size:
        return [sorted(g)] if g.number_of_nodes() else []
    found: list[list[str]] = []
    parts = [sorted(p) for p in nx.community.fast_label_propagation_communities(
        g, weight="weight", seed=seed)]
    for part in sorted(parts, key=lambda p: (-len(p), p[0])):
        if len(part) <= max_size:
            found.append(part)
            continue
        sub = g.subgraph(part).copy()
        pieces = [sorted(p) for p in nx.community.louvain_communities(
            sub, weight="weight", seed=seed, resolution=2.0)] if sub.number_of_edges() else [part]
        for piece in sorted(pieces, key=lambda p: (-len(p), p[0])):
            found += [piece[i:i + max_size] for i in range(0, len(piece), max_size)]
    return found


def _pack(g: nx.Graph[str], communities: list[list[str]]) -> list[list[str]]:
    """Merge small communities into blocks of up to _MAX_BLOCK nodes, neighbours together
    (breadth-first over the graph of communities), so few dense layouts are needed."""
    owner = {n: i for i, c in enumerate(communities) for n in c}
    links: dict[int, set[int]] = defaultdict(set)
    for a, b in g.edges():
        if owner[a] != owner[b]:
            links[owner[a]].add(owner[b])
            links[owner[b]].add(owner[a])
    order: list[int] = []
    seen: set[int] = set()
    for start in range(len(communities)):  # biggest first (community_blocks sorts them)
        if start in seen:
            continue
        seen.add(start)
        queue = [start]
        while queue:
            current = queue.pop(0)
            order.append(current)
            for nxt in sorted(links[current]):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
    blocks: list[list[str]] = []
    for i in order:
        if blocks and len(blocks[-1]) + len(communities[i]) <= _MAX_BLOCK:
            blocks[-1].extend(communities[i])
        else:
            blocks.append(list(communities[i]))
    return blocks


def _local(g: nx.Graph[str], seed: int) -> dict[str, np.ndarray]:
    if g.number_of_nodes() == 1:
        return {next(iter(g)): np.zeros(2)}
    if g.number_of_edges() == 0:  # a grid, not a ring of isolated nodes
        nodes = sorted(g)
        side = math.ceil(math.sqrt(len(nodes)))
        return {n: np.array([(i % side) / side * 2 - 1, (i // side) / side * 2 - 1])
                for i, n in enumerate(nodes)}
    pos = nx.spring_layout(g, seed=seed, iterations=35, weight="weight")
    return {n: np.asarray(p, dtype=float) for n, p in pos.items()}


def _separate(centers: np.ndarray, radii: np.ndarray, rounds: int = 80) -> np.ndarray:
    """Push overlapping discs apart (a few rounds of pairwise corrections)."""
    c = centers.copy()
    if len(c) < 2:
        return c
    for _ in range(rounds):
        delta = c[:, None, :] - c[None, :, :]
        dist = np.sqrt((delta ** 2).sum(axis=2)) + np.eye(len(c))
        need = radii[:, None] + radii[None, :] + _SPACING
        overlap = np.clip(need - dist, 0, None)
        np.fill_diagonal(overlap, 0)
        if not overlap.any():
            break
        push = (delta / dist[:, :, None]) * (overlap[:, :, None] / 2)
        c += push.sum(axis=1) * 0.5
    return c


def precompute_layout(net: nx.Graph[str], *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Return canvas coordinates (pixels) for every node of ``net``."""
    g = simple_graph(net)
    if g.number_of_nodes() == 0:
        return {}
    isolated = sorted(n for n in g if g.degree(n) == 0)
    rest = g.subgraph([n for n in g if g.degree(n) > 0]).copy()
    blocks = _pack(rest, community_blocks(rest, max_size=_MAX_BLOCK, seed=seed))
    if isolated:
        blocks.append(isolated)
    owner = {n: i for i, block in enumerate(blocks) for n in block}
    radii = np.array([_SPACING * math.sqrt(len(b)) * 0.6 for b in blocks])
    between: nx.Graph[int] = nx.Graph()
    between.add_nodes_from(range(len(blocks)))
    weights: dict[tuple[int, int], int] = defaultdict(int)
    for a, b in g.edges():
        if owner[a] != owner[b]:
            weights[(min(owner[a], owner[b]), max(owner[a], owner[b]))] += 1
    for (block_a, block_b), w in weights.items():
        between.add_edge(block_a, block_b, weight=w)
    if len(blocks) == 1:
        centers = np.zeros((1, 2))
    else:
        pos = nx.spring_layout(between, seed=seed, weight="weight", iterations=100)
        spread = math.sqrt(float((radii ** 2).sum())) * 1.6
        centers = np.array([pos[i] for i in range(len(blocks))]) * spread
    centers = _separate(centers, radii)
    out: dict[str, tuple[float, float]] = {}
    for i, block in enumerate(blocks):
        local = _local(g.subgraph(block).copy(), seed)
        for n, p in local.items():
            x, y = centers[i] + p * radii[i]
            out[n] = (round(float(x), 1), round(float(y), 1))
    logger.info("precomputed a layout of %d nodes in %d blocks", len(out), len(blocks))
    return out
