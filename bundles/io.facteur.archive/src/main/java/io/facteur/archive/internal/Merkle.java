package io.facteur.archive.internal;

import io.facteur.api.Archive.MerkleStep;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree of a seal: leaves are entry hashes, a node is SHA-256(left || right), the last
 * node of an odd level is carried up unchanged.
 */
final class Merkle {
    private Merkle() {}

    static byte[] node(byte[] left, byte[] right) {
        MessageDigest md = Hashes.sha256();
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** The root of a list of leaves, level by level. */
    static byte[] root(List<byte[]> leaves) {
        List<byte[]> level = leaves;
        while (level.size() > 1) {
            level = up(level);
        }
        return level.get(0);
    }

    private static List<byte[]> up(List<byte[]> level) {
        List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
        for (int i = 0; i < level.size(); i += 2) {
            next.add(i + 1 < level.size() ? node(level.get(i), level.get(i + 1)) : level.get(i));
        }
        return next;
    }

    /** The path from leaf {@code index} to the root. */
    static List<MerkleStep> path(List<byte[]> leaves, int index) {
        List<MerkleStep> path = new ArrayList<>();
        List<byte[]> level = leaves;
        int i = index;
        while (level.size() > 1) {
            if (i % 2 == 0) {
                if (i + 1 < level.size()) {
                    path.add(new MerkleStep("R", Hashes.hex(level.get(i + 1))));
                }
            } else {
                path.add(new MerkleStep("L", Hashes.hex(level.get(i - 1))));
            }
            level = up(level);
            i /= 2;
        }
        return path;
    }

    /** Applies a path to a leaf. */
    static byte[] apply(byte[] leaf, List<MerkleStep> path) {
        byte[] h = leaf;
        for (MerkleStep step : path) {
            byte[] sibling = Hashes.unhex(step.hash());
            h = "L".equals(step.side()) ? node(sibling, h) : node(h, sibling);
        }
        return h;
    }

    /**
     * Builds the same root as {@link #root} from leaves given one at a time, in memory that grows
     * with the logarithm of their count.
     */
    static final class Builder {
        private final List<byte[]> hashes = new ArrayList<>();
        private final List<Integer> heights = new ArrayList<>();
        private long count;

        void add(byte[] leaf) {
            hashes.add(leaf);
            heights.add(0);
            count++;
            int n = hashes.size();
            while (n >= 2 && heights.get(n - 1).equals(heights.get(n - 2))) {
                byte[] merged = node(hashes.get(n - 2), hashes.get(n - 1));
                int height = heights.get(n - 1) + 1;
                hashes.remove(n - 1);
                heights.remove(n - 1);
                hashes.set(n - 2, merged);
                heights.set(n - 2, height);
                n--;
            }
        }

        long count() {
            return count;
        }

        byte[] root() {
            if (hashes.isEmpty()) {
                throw new IllegalStateException("no leaf");
            }
            byte[] h = hashes.get(hashes.size() - 1);
            for (int i = hashes.size() - 2; i >= 0; i--) {
                h = node(hashes.get(i), h);
            }
            return h;
        }
    }
}
