package org.tidemq.tools.admin.command.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.Set;

class PrintMsgCommandTest {

    @Test
    void subExpressionSelectsTags() {
        assertEquals(Set.of(), PrintMsgCommand.tags("*"));
        assertEquals(Set.of(), PrintMsgCommand.tags(" "));
        assertEquals(Set.of("TagA", "TagB"), PrintMsgCommand.tags("TagA || TagB"));
        assertEquals(Set.of("TagA"), PrintMsgCommand.tags(" TagA "));
    }
}
