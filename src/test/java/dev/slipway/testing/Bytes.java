package dev.slipway.testing;

/** Byte-level search, for asserting that a secret is absent from stored or captured bytes. */
public final class Bytes {
    private Bytes() {
    }

    public static boolean contains(byte[] haystack, byte[] needle) {
        outer : for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
