package dev.cronwatch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

class RegionChoiceTest {
    static final Supplier<ProfileFile> PROFILES = () -> ProfileFile.builder().type(ProfileFile.Type.CONFIGURATION)
            .content("[default]\nregion = eu-central-1\n[profile ops]\nregion = ap-south-1\n[profile bare]\noutput = json\n")
            .build();

    @TempDir
    Path dir;

    @Test
    void flagThenAwsRegionThenAwsDefaultRegionThenProfileThenSamconfig() throws Exception {
        Path samconfig = dir.resolve("samconfig.toml");
        Files.writeString(samconfig, """
                version = 0.1
                [default.global.parameters]
                stack_name = "cronwatch"
                region = "us-west-1"
                [default.deploy.parameters]
                resolve_s3 = true
                region = "eu-north-1"
                [staging.deploy.parameters]
                region = "sa-east-1"
                """);
        Map<String, String> all = Map.of("AWS_REGION", "us-east-2", "AWS_DEFAULT_REGION", "ca-central-1", "AWS_PROFILE", "ops");

        assertThat(RegionChoice.resolve("eu-west-3", all, PROFILES, samconfig)).isEqualTo(new RegionChoice("eu-west-3", "--region"));
        assertThat(RegionChoice.resolve(null, all, PROFILES, samconfig)).isEqualTo(new RegionChoice("us-east-2", "AWS_REGION"));
        assertThat(RegionChoice.resolve(null, Map.of("AWS_DEFAULT_REGION", "ca-central-1", "AWS_PROFILE", "ops"), PROFILES, samconfig))
                .isEqualTo(new RegionChoice("ca-central-1", "AWS_DEFAULT_REGION"));
        assertThat(RegionChoice.resolve(null, Map.of("AWS_PROFILE", "ops"), PROFILES, samconfig))
                .isEqualTo(new RegionChoice("ap-south-1", "profile ops"));
        assertThat(RegionChoice.resolve(null, Map.of(), PROFILES, samconfig))
                .isEqualTo(new RegionChoice("eu-central-1", "profile default"));
        assertThat(RegionChoice.resolve(null, Map.of("AWS_PROFILE", "bare"), PROFILES, samconfig))
                .isEqualTo(new RegionChoice("eu-north-1", "samconfig.toml deploy parameters"));
    }

    @Test
    void samconfigsGlobalRegion_whenDeployHasNone_andNoRegionAnywhereIsRefusedByName() throws Exception {
        Path samconfig = dir.resolve("samconfig.toml");
        Files.writeString(samconfig, "[default.global.parameters]\nregion = \"us-west-1\"\n");
        assertThat(RegionChoice.samconfigRegion(samconfig)).contains("us-west-1");
        // the committed samconfig.toml names no region: sam deploy --guided adds it
        assertThat(RegionChoice.samconfigRegion(Path.of("../../samconfig.toml"))).isEmpty();
        assertThatThrownBy(() -> RegionChoice.resolve(" ", Map.of("AWS_PROFILE", "bare"), PROFILES, dir.resolve("none.toml")))
                .hasMessage("no region: give --region, set AWS_REGION or AWS_DEFAULT_REGION, or a region in profile bare");
    }
}
