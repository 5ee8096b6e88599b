package jp.hokensho.center.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version the jar's manifest names (none when run from classes, as in tests). */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"center " + (version == null ? "(development build)" : version)};
    }
}
