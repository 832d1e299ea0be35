@echo off
rem drydock: the migrations-first PostgreSQL toolkit's command line (see "drydock --help").
rem Runs lib\drydock.jar of this installation (or %DRYDOCK_JAR%) on Java 17 or newer, found in
rem %JAVA_HOME%, else on PATH. Extra JVM options: %JAVA_OPTS% or %DRYDOCK_OPTS%.
setlocal
set "DRYDOCK_HOME=%~dp0.."
if not defined DRYDOCK_JAR set "DRYDOCK_JAR=%DRYDOCK_HOME%\lib\drydock.jar"
if not exist "%DRYDOCK_JAR%" (
  echo drydock: %DRYDOCK_JAR% not found: reinstall from the drydock archive, or set DRYDOCK_JAR 1>&2
  exit /b 2
)
if defined JAVA_HOME (
  set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA_EXE=java.exe"
)
"%JAVA_EXE%" -version >nul 2>&1
if errorlevel 1 (
  echo drydock: Java not found: install a Java 17 or newer and put it on PATH, or set JAVA_HOME 1>&2
  exit /b 2
)
for /f "tokens=3" %%v in ('"%JAVA_EXE%" -version 2^>^&1 ^| findstr /i "version"') do set "JAVA_VERSION=%%~v"
for /f "delims=." %%m in ("%JAVA_VERSION%") do set "JAVA_MAJOR=%%m"
if "%JAVA_MAJOR%"=="1" (
  echo drydock: %JAVA_EXE% is Java %JAVA_VERSION%; drydock needs Java 17 or newer ^(set JAVA_HOME to one^) 1>&2
  exit /b 2
)
if %JAVA_MAJOR% LSS 17 (
  echo drydock: %JAVA_EXE% is Java %JAVA_VERSION%; drydock needs Java 17 or newer ^(set JAVA_HOME to one^) 1>&2
  exit /b 2
)
rem JVM defaults for a command that runs seconds, not hours (see bin/drydock): the client
rem compiler only and the serial collector, unless JAVA_OPTS or DRYDOCK_OPTS choose their own.
set "DRYDOCK_DEFAULTS="
echo.%JAVA_OPTS% %DRYDOCK_OPTS% | findstr /i /c:"GC" >nul || set "DRYDOCK_DEFAULTS=-XX:+UseSerialGC"
echo.%JAVA_OPTS% %DRYDOCK_OPTS% | findstr /i /c:"Tiered" >nul || set "DRYDOCK_DEFAULTS=%DRYDOCK_DEFAULTS% -XX:TieredStopAtLevel=1"
"%JAVA_EXE%" %DRYDOCK_DEFAULTS% %JAVA_OPTS% %DRYDOCK_OPTS% -jar "%DRYDOCK_JAR%" %*
exit /b %ERRORLEVEL%
