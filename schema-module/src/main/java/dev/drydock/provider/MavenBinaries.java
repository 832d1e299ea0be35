package dev.drydock.provider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Profile;
import org.apache.maven.settings.Repository;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.ConservativeAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

/**
 * Resolves zonky's binaries the way Maven resolves a dependency, with Maven Resolver (the library
 * Maven itself uses): the local repository first, then Maven Central (and the repositories of
 * active profiles) through the mirrors, proxies and server credentials of {@code settings.xml},
 * nothing remote when it says {@code <offline>true</offline>}. Build with {@link #configure()}.
 */
public final class MavenBinaries implements BinariesSource {

  static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

  private final Path userSettings;
  private final Path globalSettings;
  private final Path localRepository;
  private final Boolean offline;

  private MavenBinaries(Builder b) {
    this.userSettings = b.userSettings;
    this.globalSettings = b.globalSettings;
    this.localRepository = b.localRepository;
    this.offline = b.offline;
  }

  /**
   * The user's Maven settings: {@code ~/.m2/settings.xml}, {@code $MAVEN_HOME/conf/settings.xml}.
   */
  public static MavenBinaries fromUserSettings() {
    return configure().build();
  }

  public static Builder configure() {
    return new Builder();
  }

  @Override
  public Path jar(BinariesArtifact artifact) {
    Settings settings = settings();
    Path local = localRepository(settings);
    boolean isOffline = offline != null ? offline : settings.isOffline();
    RepositorySystem system = new RepositorySystemSupplier().get();
    try {
      DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
      session.setLocalRepositoryManager(
          system.newLocalRepositoryManager(session, new LocalRepository(local.toFile())));
      session.setOffline(isOffline);
      session.setMirrorSelector(mirrors(settings));
      session.setProxySelector(proxies(settings));
      session.setAuthenticationSelector(
          new ConservativeAuthenticationSelector(authentication(settings)));
      session.setSystemProperties(System.getProperties());
      List<RemoteRepository> remotes =
          system.newResolutionRepositories(session, repositories(settings));
      ArtifactRequest request =
          new ArtifactRequest(new DefaultArtifact(artifact.toString()), remotes, null);
      return system.resolveArtifact(session, request).getArtifact().getFile().toPath();
    } catch (ArtifactResolutionException e) {
      throw new ProviderException(
          "PostgreSQL "
              + artifact.version()
              + " binaries "
              + artifact
              + (isOffline
                  ? " are not in the local repository " + local + " and Maven is offline"
                  : " could not be resolved (" + firstLine(e.getMessage()) + ")")
              + "; get them with: mvn dependency:get -Dartifact="
              + artifact,
          e);
    } finally {
      system.shutdown();
    }
  }

  /**
   * As Maven picks it: {@code -Dmaven.repo.local}, the settings', else {@code ~/.m2/repository}.
   */
  private Path localRepository(Settings settings) {
    if (localRepository != null) {
      return localRepository;
    }
    String property = System.getProperty("maven.repo.local");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String configured = settings.getLocalRepository();
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  private Settings settings() {
    DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
    if (userSettings != null && Files.isRegularFile(userSettings)) {
      request.setUserSettingsFile(userSettings.toFile());
    }
    if (globalSettings != null && Files.isRegularFile(globalSettings)) {
      request.setGlobalSettingsFile(globalSettings.toFile());
    }
    Properties system = new Properties();
    system.putAll(System.getProperties());
    for (Map.Entry<String, String> e : System.getenv().entrySet()) {
      system.setProperty("env." + e.getKey(), e.getValue());
    }
    request.setSystemProperties(system);
    try {
      return new DefaultSettingsBuilderFactory()
          .newInstance()
          .build(request)
          .getEffectiveSettings();
    } catch (SettingsBuildingException e) {
      throw new ProviderException(
          "Cannot read the Maven settings " + userSettings + ": " + firstLine(e.getMessage()), e);
    }
  }

  /** Maven Central and the repositories of the profiles settings.xml activates. */
  private static List<RemoteRepository> repositories(Settings settings) {
    List<RemoteRepository> repositories = new ArrayList<>();
    repositories.add(new RemoteRepository.Builder("central", "default", CENTRAL).build());
    for (Profile profile : settings.getProfiles()) {
      boolean active =
          settings.getActiveProfiles().contains(profile.getId())
              || (profile.getActivation() != null && profile.getActivation().isActiveByDefault());
      if (active) {
        for (Repository r : profile.getRepositories()) {
          repositories.add(
              new RemoteRepository.Builder(r.getId(), r.getLayout(), r.getUrl()).build());
        }
      }
    }
    return repositories;
  }

  private static DefaultMirrorSelector mirrors(Settings settings) {
    DefaultMirrorSelector selector = new DefaultMirrorSelector();
    for (Mirror m : settings.getMirrors()) {
      selector.add(
          m.getId(),
          m.getUrl(),
          m.getLayout(),
          false,
          m.isBlocked(),
          m.getMirrorOf(),
          m.getMirrorOfLayouts());
    }
    return selector;
  }

  private static DefaultProxySelector proxies(Settings settings) {
    DefaultProxySelector selector = new DefaultProxySelector();
    for (org.apache.maven.settings.Proxy p : settings.getProxies()) {
      if (!p.isActive()) {
        continue;
      }
      AuthenticationBuilder auth = new AuthenticationBuilder();
      if (p.getUsername() != null) {
        auth.addUsername(p.getUsername()).addPassword(p.getPassword());
      }
      selector.add(
          new org.eclipse.aether.repository.Proxy(
              p.getProtocol(), p.getHost(), p.getPort(), auth.build()),
          p.getNonProxyHosts());
    }
    return selector;
  }

  private static DefaultAuthenticationSelector authentication(Settings settings) {
    DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
    for (Server s : settings.getServers()) {
      AuthenticationBuilder auth = new AuthenticationBuilder();
      if (s.getUsername() != null) {
        auth.addUsername(s.getUsername()).addPassword(s.getPassword());
      }
      if (s.getPrivateKey() != null) {
        auth.addPrivateKey(s.getPrivateKey(), s.getPassphrase());
      }
      selector.add(s.getId(), auth.build());
    }
    return selector;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  /** Fluent builder; every setter returns {@code this}. */
  public static final class Builder {
    private Path userSettings = defaultUserSettings();
    private Path globalSettings = defaultGlobalSettings();
    private Path localRepository;
    private Boolean offline;

    private Builder() {}

    /** The user's settings.xml (default {@code ~/.m2/settings.xml}); missing: none. */
    public Builder userSettings(Path file) {
      this.userSettings = file;
      return this;
    }

    /** The installation's settings.xml (default {@code $MAVEN_HOME/conf/settings.xml}). */
    public Builder globalSettings(Path file) {
      this.globalSettings = file;
      return this;
    }

    /** The local repository; default the settings' {@code <localRepository>}, else ~/.m2. */
    public Builder localRepository(Path directory) {
      this.localRepository = directory;
      return this;
    }

    /** Overrides the settings' {@code <offline>}. */
    public Builder offline(boolean offline) {
      this.offline = offline;
      return this;
    }

    public MavenBinaries build() {
      return new MavenBinaries(this);
    }

    private static Path defaultUserSettings() {
      return Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
    }

    private static Path defaultGlobalSettings() {
      String home = System.getenv("MAVEN_HOME");
      return home == null || home.isBlank() ? null : Path.of(home, "conf", "settings.xml");
    }
  }

  @Override
  public String toString() {
    return "MavenBinaries{local=" + Objects.toString(localRepository, "default") + "}";
  }
}
