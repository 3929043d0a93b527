package org.tidemq.common.remoting;

/** Sender language as RocketMQ numbers it; the binary header carries the ordinal, JSON the name. */
public enum LanguageCode {
    JAVA, CPP, DOTNET, PYTHON, DELPHI, ERLANG, RUBY, OTHER, HTTP, GO, PHP, OMS, RUST;

    private static final LanguageCode[] BY_CODE = values();

    public byte code() {
        return (byte) ordinal();
    }

    /** Returns the language for a binary code, or {@link #OTHER} for codes this version does not know. */
    public static LanguageCode ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : OTHER;
    }

    /** Returns the language for a JSON name or ordinal string, or {@code null} when unknown (as RocketMQ does). */
    public static LanguageCode parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (Character.isDigit(text.charAt(0))) {
            try {
                int code = Integer.parseInt(text);
                return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        for (LanguageCode language : BY_CODE) {
            if (language.name().equals(text)) {
                return language;
            }
        }
        return null;
    }
}
