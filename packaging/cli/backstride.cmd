@echo off
rem Backstride's command line in an installed app (%LOCALAPPDATA%\Programs\Backstride\resources\cli\backstride.cmd).
rem The app's own executable runs out\main\cli.js as Node (ELECTRON_RUN_AS_NODE=1), so its better-sqlite3 loads.
setlocal
set "ELECTRON_RUN_AS_NODE=1"
set "BACKSTRIDE_APP_ROOT=%~dp0.."
"%~dp0..\..\Backstride.exe" "%~dp0..\app.asar\out\main\cli.js" %*
exit /b %ERRORLEVEL%
