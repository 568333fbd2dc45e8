@echo off
rem SPDX-License-Identifier: Apache-2.0
rem Pipewright launcher for Windows. No arguments: the desktop app. A subcommand: the command line.
setlocal enabledelayedexpansion
set "ROOT=%~dp0"
if "%JAVA_HOME%"=="" (
  echo pipewright: set JAVA_HOME to a JDK 25 or newer. 1>&2
  exit /b 2
)
"%JAVA_HOME%\bin\java" -XshowSettings:properties -version 2>&1 | findstr /r /c:"java.specification.version = 2[5-9]" /c:"java.specification.version = [3-9][0-9]" >nul
if errorlevel 1 (
  echo pipewright: needs JDK 25 or newer; JAVA_HOME points at an older JDK: %JAVA_HOME% 1>&2
  exit /b 2
)
if not exist "%ROOT%app\target\classpath.txt" (
  echo pipewright: building on first use... 1>&2
  pushd "%ROOT%"
  call mvn -q -B -DskipTests -pl app -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
  if errorlevel 1 ( popd & echo pipewright: the build failed; see the Maven output above. 1>&2 & exit /b 2 )
  popd
)
for %%J in ("%ROOT%app\target\app-*.jar") do set "APPJAR=%%~fJ"
for %%J in ("%ROOT%runtime-engine\target\runtime-engine-*.jar") do set "ENGINEJAR=%%~fJ"
rem The samples jar too: `check --exercise ID` reads a sample's lesson from it.
for %%J in ("%ROOT%samples\target\samples-*.jar") do set "SAMPLESJAR=%%~fJ"
set /p APPCP=<"%ROOT%app\target\classpath.txt"
set /p ENGINECP=<"%ROOT%runtime-engine\target\classpath.txt"
if "%~1"=="" (
  "%JAVA_HOME%\bin\java" --enable-native-access=ALL-UNNAMED -cp "%APPJAR%;%APPCP%" dev.pipewright.app.Main
  exit /b !errorlevel!
)
"%JAVA_HOME%\bin\java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -cp "%ENGINEJAR%;%SAMPLESJAR%;%ENGINECP%" dev.pipewright.cli.PipewrightCli %*
exit /b !errorlevel!
