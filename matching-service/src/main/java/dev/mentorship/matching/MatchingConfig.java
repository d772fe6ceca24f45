package dev.mentorship.matching;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "matching")
public interface MatchingConfig {

    /** Years of SRE experience a mentor needs; the talk's programme asks for two. */
    @WithDefault("2")
    int minimumMentorExperienceYears();
}
