package dev.cronwatch.operator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * The region the operator's tools work in, and where it came from (they print both: a stack looked
 * for in the wrong region reads as "no such stack"). In order: {@code --region}, {@code AWS_REGION},
 * {@code AWS_DEFAULT_REGION} (the AWS CLI's, which the SDK ignores), the profile's {@code region},
 * then the region {@code sam deploy --guided} saved in samconfig.toml.
 */
public record RegionChoice(String region, String source) {
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[([^\\]]+)]\\s*$");
    private static final Pattern REGION = Pattern.compile("^\\s*region\\s*=\\s*\"([^\"]*)\"\\s*$");

    public static RegionChoice resolve(String flag, Map<String, String> env, Supplier<ProfileFile> profiles,
                                       Path samconfig) {
        if (present(flag)) return new RegionChoice(flag, "--region");
        if (present(env.get("AWS_REGION"))) return new RegionChoice(env.get("AWS_REGION"), "AWS_REGION");
        if (present(env.get("AWS_DEFAULT_REGION"))) {
            return new RegionChoice(env.get("AWS_DEFAULT_REGION"), "AWS_DEFAULT_REGION");
        }
        String profile = present(env.get("AWS_PROFILE")) ? env.get("AWS_PROFILE") : "default";
        Optional<String> fromProfile = profiles.get().profile(profile).flatMap(p -> p.property(ProfileProperty.REGION));
        if (fromProfile.isPresent() && present(fromProfile.get())) {
            return new RegionChoice(fromProfile.get(), "profile " + profile);
        }
        Optional<String> saved = samconfigRegion(samconfig);
        if (saved.isPresent()) return new RegionChoice(saved.get(), samconfig.getFileName() + " deploy parameters");
        throw new IllegalArgumentException("no region: give --region, set AWS_REGION or AWS_DEFAULT_REGION, or a region in profile "
                + profile);
    }

    /** The deploy region of samconfig.toml's default environment (deploy's own before the global one). */
    static Optional<String> samconfigRegion(Path samconfig) {
        if (samconfig == null || !Files.isRegularFile(samconfig)) return Optional.empty();
        String section = "";
        String deploy = null;
        String global = null;
        try {
            for (String line : Files.readAllLines(samconfig)) {
                Matcher s = SECTION.matcher(line);
                if (s.matches()) {
                    section = s.group(1).strip();
                    continue;
                }
                Matcher r = REGION.matcher(line);
                if (!r.matches() || !present(r.group(1))) continue;
                if (section.equals("default.deploy.parameters")) deploy = r.group(1);
                if (section.equals("default.global.parameters")) global = r.group(1);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(deploy != null ? deploy : global);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
