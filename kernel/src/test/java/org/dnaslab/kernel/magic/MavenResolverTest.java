package org.dnaslab.kernel.magic;

import org.dnaslab.kernel.session.MagicException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MavenResolverTest {
    @Test
    void coordinatesBecomeADependencyWithOptionalTypeAndClassifier() {
        assertEquals("<dependency><groupId>g.x</groupId><artifactId>a-b</artifactId><version>1.0</version></dependency>",
                MavenResolver.dependency("g.x:a-b:1.0"));
        assertEquals("<dependency><groupId>g</groupId><artifactId>a</artifactId><version>2</version>"
                        + "<type>jar</type><classifier>linux-x86_64</classifier></dependency>",
                MavenResolver.dependency("g:a:jar:linux-x86_64:2"));
    }

    @Test
    void badCoordinatesSayWhatWasExpected() {
        MagicException e = assertThrows(MagicException.class, () -> MavenResolver.dependency("only-a-name"));
        assertTrue(e.getMessage().contains("is not group:artifact:version"), e.getMessage());
    }

    @Test
    void dependencyElementsAreWrappedInAProjectAndAWholeProjectIsKept() {
        String pom = MavenResolver.pom("<dependency><groupId>g</groupId></dependency>");
        assertTrue(pom.contains("<project") && pom.contains("<dependencies><dependency><groupId>g</groupId></dependency></dependencies>"), pom);
        String project = "<project><dependencies><dependency/></dependencies></project>";
        assertEquals(project, MavenResolver.pom(project));
        assertThrows(MagicException.class, () -> MavenResolver.pom("<repositories/>"));
    }
}
